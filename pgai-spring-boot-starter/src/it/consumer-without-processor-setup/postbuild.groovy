io.github.pgaispring.starter.ConsumerBuild.assertContains(io.github.pgaispring.starter.ConsumerBuild.log(basedir.toPath()),
		'@Vectorized Product.descriptionEmbeddings refers to ProductDescriptionEmbedding, which the pgai annotation'
		+ ' processor generates, but this compilation ran no annotation processor. To run it, add'
		+ ' io.github.pgaispring:pgai-spring-boot-autoconfigure to the <annotationProcessorPaths> of the'
		+ ' maven-compiler-plugin')
