package dev.cvos.storage.smb;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.InsufficientStorageException;
import dev.cvos.storage.spi.ObjectNotFoundException;
import java.io.IOException;
import jcifs.CIFSException;
import jcifs.smb.NtStatus;
import jcifs.smb.SmbException;

/**
 * Turns jcifs failures into the SPI's typed exceptions. Messages name the share and the SMB status,
 * never a credential.
 */
final class SmbFailures {
  private SmbFailures() {}

  /** The NT status of a failure, or 0 when it carries none (a broken connection, a timeout). */
  static int status(IOException failure) {
    return failure instanceof SmbException smb ? smb.getNtStatus() : 0;
  }

  /** Whether the failure says the file or a folder on its path does not exist. */
  static boolean isNotFound(IOException failure) {
    int status = status(failure);
    return status == NtStatus.NT_STATUS_OBJECT_NAME_NOT_FOUND
        || status == NtStatus.NT_STATUS_OBJECT_PATH_NOT_FOUND
        || status == NtStatus.NT_STATUS_NO_SUCH_FILE
        || status == NtStatus.NT_STATUS_NOT_FOUND
        || status == NtStatus.NT_STATUS_DELETE_PENDING;
  }

  /** Whether the failure says the target name is taken. */
  static boolean isNameCollision(IOException failure) {
    return status(failure) == NtStatus.NT_STATUS_OBJECT_NAME_COLLISION;
  }

  /** Whether the server refused the logon or the share (a configuration problem). */
  static boolean isLogonRefused(IOException failure) {
    int status = status(failure);
    return status == NtStatus.NT_STATUS_LOGON_FAILURE
        || status == NtStatus.NT_STATUS_ACCESS_DENIED
        || status == NtStatus.NT_STATUS_NETWORK_ACCESS_DENIED
        || status == NtStatus.NT_STATUS_BAD_NETWORK_NAME
        || status == NtStatus.NT_STATUS_WRONG_PASSWORD
        || status == NtStatus.NT_STATUS_ACCOUNT_DISABLED
        || status == NtStatus.NT_STATUS_PASSWORD_EXPIRED;
  }

  /**
   * The typed exception for a failure while doing {@code what} on {@code url}: disk full becomes
   * {@link InsufficientStorageException}, a missing file {@link ObjectNotFoundException}, and
   * everything else (an unreachable server, a lost connection, a refused logon, a timeout) {@link
   * BackendUnavailableException}. A typed SPI exception passes through unchanged.
   */
  static IOException translate(String what, String url, IOException failure) {
    if (failure instanceof dev.cvos.storage.spi.StorageException typed) {
      return typed;
    }
    String detail = what + " on " + url + " failed: " + describe(failure);
    int status = status(failure);
    if (status == NtStatus.NT_STATUS_DISK_FULL) {
      return new InsufficientStorageException("the SMB share is full: " + detail, failure);
    }
    if (isNotFound(failure)) {
      return new ObjectNotFoundException(detail, failure);
    }
    return new BackendUnavailableException("the SMB share is unavailable: " + detail, failure);
  }

  /** A short text of the failure: the SMB status or the transport's reason. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
    if (failure instanceof SmbException smb && smb.getNtStatus() != 0) {
      text.append(" (NT status 0x").append(Integer.toHexString(smb.getNtStatus())).append(')');
    }
    Throwable cause = failure.getCause();
    int depth = 0;
    while (cause != null && depth++ < 4) {
      if (!(cause instanceof CIFSException)) {
        text.append("; ").append(cause.getClass().getSimpleName()).append(": ")
            .append(cause.getMessage());
      }
      cause = cause.getCause();
    }
    return text.toString();
  }
}
