io.github.pgaispring.starter.ConsumerBuild.verifyBuild(context, basedir.toPath())
