package dev.sidescope.collectors.kubernetes;

/**
 * A kubeconfig that cannot be used, said in one sentence a person can act on ("the kubeconfig
 * /home/me/.kube/config is not valid YAML: ..."). The message never holds a stack trace; the cause,
 * where there is one, is for the log.
 */
public final class KubeconfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public KubeconfigException(String sentence) {
    super(sentence);
  }

  public KubeconfigException(String sentence, Throwable cause) {
    super(sentence, cause);
  }
}
