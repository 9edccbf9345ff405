package io.github.pgaispring.sample.web;

import java.util.Locale;

import io.github.pgaispring.sample.blog.SearchMode;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads {@code mode=vector|hybrid} in any case; other values are a type mismatch (400). */
@Component
class SearchModeConverter implements Converter<String, SearchMode> {

	@Override
	public SearchMode convert(String source) {
		return SearchMode.valueOf(source.strip().toUpperCase(Locale.ROOT));
	}

}
