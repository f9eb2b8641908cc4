package io.notifier.account;

import io.notifier.testing.AlsoOnMariaDb;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole account-api on a real database: H2 by default, MariaDB when the build activates the
 * mariadb-test profile as well (the surefire execution "mariadb" does).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AlsoOnMariaDb
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles(profiles = "test", inheritProfiles = true)
public @interface AccountApiTest {}
