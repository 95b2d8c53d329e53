package dev.hearth.sandbox.vm.firecracker;

import java.nio.file.Path;

/**
 * A saved VM: Firecracker's state file and its full memory file. A VM restored from it needs the same
 * kernel and drive files at the same paths as the VM it was taken from.
 *
 * @param state  the microVM state ({@code snapshot_path})
 * @param memory the guest memory ({@code mem_backend} of type {@code File})
 */
public record FirecrackerSnapshot(Path state, Path memory) {
}
