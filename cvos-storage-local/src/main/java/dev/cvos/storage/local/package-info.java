/**
 * The {@code local} store: objects as files in a directory (a local disk, or an NFS mount shared by
 * the storing servers), in the portable format of {@code dev.cvos.storage.spi.format}.
 */
package dev.cvos.storage.local;
