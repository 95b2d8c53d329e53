/**
 * File operations for sandboxes whose work root is a host directory at the same path inside and
 * outside the sandbox (host and bwrap): writes, reads, existence checks and tree copies act on the
 * host files directly, refusing any path that leads out of the work root by {@code ..} or through a
 * symbolic link, and never following links when copying or deleting trees.
 */
package dev.hearth.sandbox.files;
