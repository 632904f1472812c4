package dev.cvos.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The production classes of every CVOS module, as the server's test class path holds them (the
 * sibling modules arrive as jars in a reactor build, as class folders in an IDE; test classes and
 * test-jars are left out).
 */
final class CvosClasses {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("dev.cvos");

  private CvosClasses() {}

  static JavaClasses production() {
    return CLASSES;
  }
}
