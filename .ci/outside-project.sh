#!/usr/bin/env bash
# A project outside this repository depends on cofferdam-junit from the local Maven repository and
# runs @MigrationTest on filesystem: migrations with no other setup; a broken migration there must
# fail naming the file and the line.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q install -DskipTests -pl junit-extension -am

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/test/java/com/example" "$work/db/migration"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>outside</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>io.github.cofferdam</groupId>
      <artifactId>cofferdam-junit</artifactId>
      <version>0.1.0-SNAPSHOT</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>5.14.4</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.1</version>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.4</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat > "$work/src/test/java/com/example/AccountsMigrationsTest.java" <<'JAVA'
package com.example;

import io.github.cofferdam.junit.MigrationRun;
import io.github.cofferdam.junit.MigrationTest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

@MigrationTest(locations = "filesystem:db/migration")
class AccountsMigrationsTest {
  @Test
  void migrates(MigrationRun run) {
    Assertions.assertTrue(run.successful());
  }
}
JAVA
printf 'CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL);\n' > "$work/db/migration/V1__accounts.sql"

echo "outside-project: a good migration passes"
(cd "$work" && mvn -q test) || { echo "outside-project: FAILED on a good migration" >&2; exit 1; }

printf -- '-- oops\nALTER TABLE acounts ADD COLUMN name text;\n' > "$work/db/migration/V2__broken.sql"
echo "outside-project: a broken migration fails naming file and line"
if (cd "$work" && mvn -q test > "$work/broken.log" 2>&1); then
  echo "outside-project: FAILED: the broken migration passed" >&2; exit 1
fi
report=$(cat "$work"/target/surefire-reports/*.txt)
expected='Migration V2__broken.sql failed at line 2 with SQLSTATE 42P01'
if ! grep -qF "$expected" <<<"$report"; then
  echo "outside-project: FAILED: expected '$expected' in:" >&2; echo "$report" >&2; exit 1
fi
grep -F "file:" <<<"$report" | grep -qF "db/migration/V2__broken.sql" \
  || { echo "outside-project: FAILED: no file path in the message" >&2; echo "$report" >&2; exit 1; }
echo "outside-project: OK"
