package dev.hangar.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link TestNamespace} for the whole test class, given to any constructor, test or lifecycle
 * method that takes one as a parameter and closed after the class's last test, which deletes its
 * Redis keys, queues and exchanges. Use with {@code @ExtendWith(HangarNamespaceExtension.class)}.
 */
public final class HangarNamespaceExtension implements ParameterResolver, AfterAllCallback {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(HangarNamespaceExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestNamespace.class;
  }

  @Override
  public TestNamespace resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return classStore(context)
        .computeIfAbsent(TestNamespace.class, type -> TestNamespace.create(), TestNamespace.class);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    TestNamespace namespace = classStore(context).remove(TestNamespace.class, TestNamespace.class);
    if (namespace != null) {
      namespace.close();
    }
  }

  /**
   * The store of the test class itself, so every test of the class (and every invocation of one)
   * shares the namespace.
   */
  private static ExtensionContext.Store classStore(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext.getStore(STORE);
  }
}
