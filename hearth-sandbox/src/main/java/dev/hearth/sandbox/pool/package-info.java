/**
 * Warm pools: {@link dev.hearth.sandbox.pool.PooledBackend} keeps a few sandboxes of each shape
 * (image, network, limits) made ahead by another backend, hands each out once, and makes a new one in
 * the background, so that a workflow whose backend boots a VM does not wait for the boot.
 * {@link dev.hearth.sandbox.pool.SpecEnvSandbox} gives a sandbox made ahead the environment of the
 * request it ends up serving, which was not known when it was made.
 */
package dev.hearth.sandbox.pool;
