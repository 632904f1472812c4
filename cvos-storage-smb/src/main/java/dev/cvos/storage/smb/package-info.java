/**
 * The {@code smb} store: objects in a folder of an SMB2/3 share reached directly with jcifs-ng, in
 * the same portable file format and layout as the {@code local} store.
 */
package dev.cvos.storage.smb;
