#!/usr/bin/env bash
# Projects outside this repository, built the way their teams build them, each with Cofferdam added
# and nothing else: each must pass on good migrations and fail on a broken one with the message
# naming the file, the line and the SQLSTATE (docs/compatibility.md has the matrix).
#
#   boot35    spring-boot-starter-parent 3.5.x: Flyway, driver, JUnit 5.12, AssertJ and
#             Testcontainers 1.21 from Boot's BOM; container provider; spring.flyway.* in
#             application.properties
#   boot40    spring-boot-starter-parent 4.0.x: Flyway, driver, JUnit 6, AssertJ from Boot's BOM;
#             embedded provider; spring.flyway.* in application.yml
#   minimums  no framework: the oldest supported JUnit (5.10) and PostgreSQL JDBC (42.6)
#   junit6    no framework, no BOM: cofferdam-junit declared before junit-jupiter 6.x, so that no
#             JUnit of Cofferdam's can win Maven's nearest-first tie against the project's
#
# usage: .ci/boot-projects.sh [variant...]      (default: all)
# env:   MAVEN_REPO_LOCAL  a Maven repository to install Cofferdam into and build with (default ~/.m2)
#        BOOT_FLYWAY       a Flyway version to use instead of Boot's own (flyway.version)
#        SKIP_INSTALL=1    Cofferdam is installed already
# boot35 needs the container engine of ../shared/ci/container-engine.sh up (CONTAINER_POSTGRES_IMAGE).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
boot35=3.5.7
boot40=4.0.7
repo=()
[ -z "${MAVEN_REPO_LOCAL:-}" ] || repo=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
flyway=()
[ -z "${BOOT_FLYWAY:-}" ] || flyway=("-Dflyway.version=$BOOT_FLYWAY")

if [ "${SKIP_INSTALL:-}" != 1 ]; then
  mvn -B -q "${repo[@]}" install -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl bom,junit-extension -am
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- project files ------------------------------------------------------------------------------

boot_pom() { # $1 boot version, $2 extra test dependencies
  cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>$1</version>
    <relativePath/>
  </parent>
  <groupId>com.example</groupId>
  <artifactId>accounts</artifactId>
  <version>1.0</version>
  <properties>
    <java.version>17</java.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.github.cofferdam</groupId>
        <artifactId>cofferdam-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-jdbc</artifactId>
    </dependency>
    <dependency>
      <groupId>org.flywaydb</groupId>
      <artifactId>flyway-core</artifactId>
    </dependency>
    <dependency>
      <groupId>org.flywaydb</groupId>
      <artifactId>flyway-database-postgresql</artifactId>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <scope>runtime</scope>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-test</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>io.github.cofferdam</groupId>
      <artifactId>cofferdam-junit</artifactId>
      <scope>test</scope>
    </dependency>$2
  </dependencies>
</project>
POM
}

minimums_pom() { # $1 JUnit BOM and driver entries of dependencyManagement, $2 JUnit version
  cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>accounts</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>$1
      <dependency>
        <groupId>io.github.cofferdam</groupId>
        <artifactId>cofferdam-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>io.github.cofferdam</groupId>
      <artifactId>cofferdam-junit</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>$2
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
}

# The test a team writes: the annotation and nothing else. Its migrations, placeholders and
# history table come from the project's own Spring settings (or Flyway's defaults).
test_class() {
  cat <<'JAVA'
package com.example;

import io.github.cofferdam.junit.MigrationSafety;
import io.github.cofferdam.junit.MigrationTest;

@MigrationTest
class AccountsMigrationsTest implements MigrationSafety {}
JAVA
}

# $1 project dir, $2 migrations dir (relative to src/main/resources)
migrations() {
  mkdir -p "$1/src/main/resources/$2"
  printf 'CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, email text NOT NULL, owner text DEFAULT %s);\n' \
    "'\${owner}'" > "$1/src/main/resources/$2/V1__accounts.sql"
  printf 'ALTER TABLE accounts ADD COLUMN IF NOT EXISTS name text;\n' > "$1/src/main/resources/$2/V2__accounts_name.sql"
}

make_project() { # $1 variant, $2 dir
  local dir=$2
  mkdir -p "$dir/src/test/java/com/example" "$dir/src/main/resources"
  test_class > "$dir/src/test/java/com/example/AccountsMigrationsTest.java"
  case "$1" in
    boot35)
      boot_pom "$boot35" "
    <dependency>
      <groupId>org.testcontainers</groupId>
      <artifactId>postgresql</artifactId>
      <scope>test</scope>
    </dependency>" > "$dir/pom.xml"
      migrations "$dir" db/changes
      cat > "$dir/src/main/resources/application.properties" <<'PROPS'
spring.datasource.url=jdbc:postgresql://db.invalid:5432/accounts
spring.flyway.locations=classpath:db/changes
spring.flyway.placeholders.owner=accounts-team
spring.flyway.table=accounts_history
PROPS
      # the container provider on CI's loopback-only engine (docs/providers.md#container)
      mkdir -p "$dir/src/test/resources"
      cat > "$dir/src/test/resources/junit-platform.properties" <<PROPS
cofferdam.provider=container
cofferdam.container.image=${CONTAINER_POSTGRES_IMAGE:?boot35 needs the container engine up}
cofferdam.container.network=host
cofferdam.postgres.version=15
PROPS
      ;;
    boot40)
      boot_pom "$boot40" "" > "$dir/pom.xml"
      migrations "$dir" db/changes
      cat > "$dir/src/main/resources/application.yml" <<'YAML'
spring:
  datasource:
    url: jdbc:postgresql://db.invalid:5432/accounts
  flyway:
    locations:
      - classpath:db/changes
    table: accounts_history
    placeholders:
      owner: accounts-team
YAML
      ;;
    minimums | junit6)
      if [ "$1" = minimums ]; then
        minimums_pom "
      <dependency>
        <groupId>org.junit</groupId>
        <artifactId>junit-bom</artifactId>
        <version>5.10.5</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
      <dependency>
        <groupId>org.postgresql</groupId>
        <artifactId>postgresql</artifactId>
        <version>42.6.2</version>
      </dependency>" "" > "$dir/pom.xml"
      else
        minimums_pom "" "
      <version>6.0.3</version>" > "$dir/pom.xml"
      fi
      migrations "$dir" db/migration
      mkdir -p "$dir/src/test/resources"
      printf 'cofferdam.placeholders=owner=accounts-team\n' > "$dir/src/test/resources/junit-platform.properties"
      ;;
    *) echo "boot-projects: unknown variant $1 (boot35, boot40, minimums, junit6)" >&2; exit 2 ;;
  esac
}

# --- checks -------------------------------------------------------------------------------------

# The versions the project's build chose, so that the log shows what was tested; for a Boot
# project Flyway must be Boot's (or BOOT_FLYWAY), not a version of Cofferdam's.
resolved_versions() { # $1 dir, $2 variant
  local list="$work/$2-dependencies.txt"
  (cd "$1" && mvn -B -q "${repo[@]}" "${flyway[@]}" dependency:list -DincludeScope=test \
    -DoutputFile="$list" -DexcludeTransitive=false) >/dev/null
  local summary
  summary=$(grep -oE '(org.flywaydb:flyway-core|org.postgresql:postgresql|org.junit.jupiter:junit-jupiter-api|org.testcontainers:testcontainers|org.assertj:assertj-core|org.yaml:snakeyaml):jar:[^:]+' "$list" \
    | sed 's/:jar:/ /' | sort | tr '\n' ';')
  echo "boot-projects: $2 resolved: $summary"
  if [ "$2" = junit6 ] && ! grep -qF "org.junit.jupiter:junit-jupiter-api 6.0.3;" <<<"$summary"; then
    echo "boot-projects: FAILED: junit6 did not resolve the project's JUnit 6.0.3" >&2; exit 1
  fi
  if [ "${2#boot}" != "$2" ]; then
    local want
    want=${BOOT_FLYWAY:-$(cd "$1" && mvn -B -q "${repo[@]}" help:evaluate -Dexpression=flyway.version \
      -DforceStdout -Dstyle.color=never | sed 's/\x1b\[[0-9;]*m//g')}
    grep -qF "org.flywaydb:flyway-core $want;" <<<"$summary" \
      || { echo "boot-projects: FAILED: $2 resolved another Flyway than its build's $want" >&2; exit 1; }
  fi
  if [ "$2" = boot35 ] && grep -E 'org.testcontainers:[a-z-]+:jar:2\.' "$list"; then
    echo "boot-projects: FAILED: a Testcontainers 1.21 project got Testcontainers 2.x" >&2; exit 1
  fi
}

run_variant() {
  local variant=$1 dir=$work/$1
  make_project "$variant" "$dir"
  resolved_versions "$dir" "$variant"
  local start=$SECONDS
  echo "boot-projects: $variant: good migrations pass"
  if ! (cd "$dir" && mvn -B -q "${repo[@]}" "${flyway[@]}" test > "$work/$variant-good.log" 2>&1); then
    echo "boot-projects: FAILED: $variant on good migrations" >&2
    cat "$dir"/target/surefire-reports/*.txt >&2 2>/dev/null || tail -50 "$work/$variant-good.log" >&2
    exit 1
  fi
  grep -h "Tests run:" "$dir"/target/surefire-reports/*.txt
  local server want=embedded
  [ "$variant" != boot35 ] || want=container
  server=$(grep -hoE '"server" *: *"[^"]*"' "$dir"/target/cofferdam/com.example.AccountsMigrationsTest.json)
  echo "boot-projects: $variant: $server"
  grep -qF "\"$want " <<<"$server" \
    || { echo "boot-projects: FAILED: $variant did not run on the $want provider" >&2; exit 1; }
  local dirs=("$dir"/src/main/resources/db/*)
  printf -- '-- a typo\nALTER TABLE acounts ADD COLUMN phone text;\n' > "${dirs[0]}/V3__broken.sql"
  echo "boot-projects: $variant: a broken migration fails naming file, line and SQLSTATE"
  if (cd "$dir" && mvn -B -q "${repo[@]}" "${flyway[@]}" test > "$work/$variant-broken.log" 2>&1); then
    echo "boot-projects: FAILED: $variant passed with a broken migration" >&2; exit 1
  fi
  local report expected='Migration V3__broken.sql failed at line 2 with SQLSTATE 42P01'
  report=$(cat "$dir"/target/surefire-reports/*.txt)
  if ! grep -qF "$expected" <<<"$report"; then
    echo "boot-projects: FAILED: $variant: expected '$expected' in:" >&2; echo "$report" | head -80 >&2; exit 1
  fi
  grep -qE "file:.*db/[a-z]+/V3__broken.sql" <<<"$report" \
    || { echo "boot-projects: FAILED: $variant: no file path in the message" >&2; echo "$report" | head -80 >&2; exit 1; }
  echo "boot-projects: $variant OK ($((SECONDS - start)) s)"
}

variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(minimums junit6 boot35 boot40)
for v in "${variants[@]}"; do run_variant "$v"; done
