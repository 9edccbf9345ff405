import io.github.pgaispring.starter.ConsumerBuild

ConsumerBuild.dropDatabase(context)
String log = ConsumerBuild.log(basedir.toPath())
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
