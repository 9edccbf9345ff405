import io.github.pgaispring.starter.ConsumerBuild

ConsumerBuild.verifyBuild(context, basedir.toPath())
List<String> libraries = ConsumerBuild.libraries(basedir.toPath())
assert libraries.any { it.startsWith('pgai-spring-boot-autoconfigure') }
assert !libraries.any { it.startsWith('onnxruntime') || it.startsWith('langchain4j') || it.startsWith('tokenizers') }
