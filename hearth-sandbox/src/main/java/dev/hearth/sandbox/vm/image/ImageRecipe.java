package dev.hearth.sandbox.vm.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a guest image is made from. Two builds with equal recipes make the same image, so the
 * recipe's hash names the image's folder in the cache and a changed input means a new image.
 *
 * @param kernelPackage  the linux-image-*-cloud-amd64 package and version
 * @param busyboxPackage the busybox-static package and version
 * @param agentSha256    the hex SHA-256 of the agent program
 * @param init           the text of {@code /init}
 * @param moduleSets     which modules each set (base, net, blk, vsock) asks for
 */
record ImageRecipe(String kernelPackage, String busyboxPackage, String agentSha256, String init,
        Map<String, List<String>> moduleSets) {
    /** Bumped when the way an image is assembled changes while its inputs do not. */
    static final int FORMAT = 1;

    ImageRecipe {
        moduleSets = new TreeMap<>(moduleSets);
    }

    /** The recipe as text: stored beside the image, and what its hash is computed from. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append("format=").append(FORMAT).append('\n');
        text.append("kernel=").append(kernelPackage).append('\n');
        text.append("busybox=").append(busyboxPackage).append('\n');
        text.append("agent-sha256=").append(agentSha256).append('\n');
        text.append("init-sha256=").append(sha256(init.getBytes(StandardCharsets.UTF_8))).append('\n');
        moduleSets.forEach((set, modules) -> text.append("modules.").append(set).append('=')
                .append(String.join(",", modules)).append('\n'));
        return text.toString();
    }

    String hash() {
        return sha256(describe().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
