package io.github.pgaispring.autoconfigure;

/**
 * A {@code pgai.vectorizers.*} property that cannot work, with the key and the fix.
 */
class InvalidVectorizerPropertyException extends IllegalStateException {

	private final String property;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the full property key
	 * @param problem what is wrong
	 * @param action how to fix it
	 */
	public InvalidVectorizerPropertyException(String property, String problem, String action) {
		super(property + ": " + problem);
		this.property = property;
		this.action = action;
	}

	/** The full property key. */
	public String getProperty() {
		return this.property;
	}

	/** How to fix the property. */
	public String getAction() {
		return this.action;
	}

}
