package io.github.pgaispring.sample.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.pgaispring.repository.InvalidSearchArgumentException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers bad requests with an RFC 9457 problem whose {@code detail} names each offending parameter or
 * field, e.g. {@code "k must be between 1 and 20 (was 0)"}, or says why the repository cannot search with
 * the query.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> result.getMethodParameter().getParameterName() + " " + message(error) + " (was "
						+ describe(result.getArgument()) + ")"))
			.collect(Collectors.joining("; "));
		return badRequest(ex, detail, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + message(error))
			.sorted()
			.collect(Collectors.joining("; "));
		return badRequest(ex, detail, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String detail = ex.getPropertyName() + " must be " + typeName(ex.getRequiredType()) + " (was "
				+ describe(ex.getValue()) + ")";
		return badRequest(ex, detail, headers, status, request);
	}

	/** A query the repository rejected as it is, for example one holding a NUL character. */
	@ExceptionHandler(InvalidSearchArgumentException.class)
	ProblemDetail handleInvalidSearch(InvalidSearchArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		return problem;
	}

	private ResponseEntity<Object> badRequest(Exception ex, String detail, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle("Invalid request");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	private static String message(MessageSourceResolvable error) {
		return (error instanceof FieldError fieldError && fieldError.isBindingFailure()) ? "is not valid"
				: error.getDefaultMessage();
	}

	private static String typeName(Class<?> type) {
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "a whole number";
		}
		if (type != null && type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> constant.toString().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		return (type != null) ? "a " + type.getSimpleName() : "a value of another type";
	}

	private static String describe(Object value) {
		return (value instanceof String text) ? "'" + text + "'" : String.valueOf(value);
	}

}
