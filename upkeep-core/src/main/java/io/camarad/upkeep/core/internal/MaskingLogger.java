package io.camarad.upkeep.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.Marker;

/**
 * A logger that masks secrets in everything a task logs through it: the message, every argument (as
 * its masked string form) and any exception (as a masked copy).
 */
public final class MaskingLogger implements InvocationHandler {
  private final Logger delegate;
  private final UnaryOperator<String> masker;

  private MaskingLogger(Logger delegate, UnaryOperator<String> masker) {
    this.delegate = delegate;
    this.masker = masker;
  }

  /** {@code delegate} behind a masking proxy. */
  public static Logger wrap(Logger delegate, UnaryOperator<String> masker) {
    return (Logger)
        Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            new MaskingLogger(delegate, masker));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(delegate, args);
    }
    Object[] masked = args == null ? null : maskArguments(method.getParameterTypes(), args);
    try {
      return method.invoke(delegate, masked);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private Object[] maskArguments(Class<?>[] types, Object[] args) {
    Object[] masked = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      masked[i] = isText(types[i]) ? maskOne(args[i]) : args[i];
    }
    return masked;
  }

  private static boolean isText(Class<?> type) {
    return type == String.class
        || type == Object.class
        || type == Object[].class
        || type == Throwable.class;
  }

  private Object[] maskAll(Object[] args) {
    Object[] masked = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      masked[i] = maskOne(args[i]);
    }
    return masked;
  }

  private Object maskOne(Object arg) {
    if (arg == null || arg instanceof Marker) {
      return arg;
    }
    if (arg instanceof Throwable failure) {
      return SanitizedException.of(failure, masker);
    }
    if (arg instanceof Object[] values) {
      return maskAll(values);
    }
    if (arg instanceof String text) {
      return masker.apply(text);
    }
    if (arg instanceof Number || arg instanceof Boolean) {
      return arg;
    }
    return masker.apply(String.valueOf(arg));
  }
}
