/**
 * A portable on-disk format for objects, for stores over file-like backends: a local directory,
 * an NFS mount, an SMB share, or whatever a third-party store reaches.
 *
 * <p>Every store that keeps objects as files in this format sees the same objects in the same
 * folder. That is what lets an operator copy a storage folder with plain file tools ({@code cp
 * -a}, {@code robocopy}) and keep every object, and lets servers that mount a share over NFS and
 * servers that reach it directly over SMB share it.
 *
 * <ul>
 *   <li>{@link dev.cvos.storage.spi.format.ObjectFileLayout} says where an object's file lives:
 *       {@code <bucket>/<aa>/<bb>/<sha256 of key>.cvos}, and how temporary files are named.
 *   <li>{@link dev.cvos.storage.spi.format.ObjectFileFormat} reads and writes the file's header:
 *       the object's metadata, followed by its body.
 *   <li>{@link dev.cvos.storage.spi.format.ObjectFileWriter} streams a body into a new file and
 *       finishes its header in place.
 * </ul>
 *
 * <p>This package depends on the JDK alone and is part of the SPI: it changes only compatibly,
 * and a new format version is read by servers that know it while older files keep reading.
 */
package dev.cvos.storage.spi.format;
