io.github.pgaispring.starter.ConsumerBuild.createDatabase(context, basedir.toPath())
