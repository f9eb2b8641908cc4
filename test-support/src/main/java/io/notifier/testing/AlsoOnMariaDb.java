package io.notifier.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Import;

/**
 * For a Spring test class on the database, which the build runs twice: on H2, and on MariaDB (the
 * surefire execution {@code mariadb}, which activates the Spring profile {@code mariadb-test} and
 * sets the system property {@code mariadb.url}). On the MariaDB run it fails the class at once,
 * with how to start MariaDB, when the server does not answer, and drops the database each Spring
 * context made for itself when that context closes. On the H2 run it does nothing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MariaDbCheck.class)
@Import(MariaDbTestDatabase.class)
public @interface AlsoOnMariaDb {}
