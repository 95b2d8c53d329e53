package dev.hearth.sandbox.vm.image;

/**
 * The guest's {@code /init}, run by busybox sh as process 1. It mounts the kernel file systems and a
 * tmpfs on /tmp, loads the virtio modules (in the order the builder worked out, listed in
 * {@code /etc/hearth/modules.sh}), waits for the virtio-serial port named {@code agent0}, and runs
 * the agent on it; when the agent ends (the host closed the channel) the guest powers off, and QEMU,
 * started with {@code -no-reboot}, exits.
 *
 * <p>Kernel command-line switches: {@code hearth.net=1} loads virtio_net and configures QEMU's
 * user-mode network (10.0.2.15, gateway 10.0.2.2, DNS 10.0.2.3); {@code hearth.blk=1} loads
 * virtio_blk; {@code hearth.vsock=PORT} (a Firecracker guest, which has no virtio-serial port)
 * loads the virtio vsock transport and runs the agent on vsock port PORT instead, again after each
 * connection ends, since a snapshot restore resets vsock connections.
 */
final class InitScript {
    private InitScript() {
    }

    /** The name of the virtio-serial port the agent talks on. */
    static final String AGENT_PORT = "agent0";

    static final String TEXT = """
            #!/bin/sh
            # Hearth guest init (made by hearth image build).
            export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root
            /bin/busybox --install -s
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev
            mkdir -p /dev/pts /dev/shm
            mount -t devpts devpts /dev/pts
            mount -t tmpfs -o mode=1777 tmpfs /tmp
            mount -t tmpfs -o mode=1777 tmpfs /dev/shm
            mount -t tmpfs -o mode=755 tmpfs /run
            hostname hearth
            . /etc/hearth/modules.sh
            # Each entry is name:path, in load order; a module two sets share is loaded once.
            loaded=" "
            load() {
              for m in $1; do
                case $loaded in *" ${m%%:*} "*) continue ;; esac
                insmod "/lib/modules/$HEARTH_KERNEL/${m#*:}" || echo "hearth-init: cannot load ${m#*:}"
                loaded="$loaded${m%%:*} "
              done
            }
            load "$HEARTH_MODULES_BASE"
            net=0
            vsock=
            for word in $(cat /proc/cmdline); do
              case $word in
                hearth.net=1) net=1 ;;
                hearth.blk=1) load "$HEARTH_MODULES_BLK" ;;
                hearth.vsock=*) load "$HEARTH_MODULES_VSOCK"; vsock=${word#hearth.vsock=} ;;
              esac
            done
            ip link set lo up
            if [ "$net" = 1 ]; then
              load "$HEARTH_MODULES_NET"
              ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && ip route add default via 10.0.2.2
              echo "nameserver 10.0.2.3" > /etc/resolv.conf
            fi
            if [ -n "$vsock" ]; then
              cd /root
              echo "hearth-init: agent on vsock port $vsock"
              while :; do /sbin/hearth-agent --vsock-listen "$vsock" 2>/dev/console; sleep 0.05; done
            fi
            port=
            tries=0
            while :; do
              for d in /sys/class/virtio-ports/*; do
                [ "$(cat "$d/name" 2>/dev/null)" = agent0 ] && [ -e "/dev/${d##*/}" ] && port=/dev/${d##*/}
              done
              [ -n "$port" ] && break
              tries=$((tries + 1))
              if [ "$tries" -gt 3000 ]; then echo "hearth-init: no virtio-serial port named agent0"; poweroff -f; fi
              sleep 0.01
            done
            echo "hearth-init: agent on $port"
            cd /root
            # The port may be opened only once: one read-write open, shared by stdin and stdout.
            /sbin/hearth-agent <>"$port" >&0 2>/dev/console
            echo "hearth-init: agent exited with status $?; powering off"
            poweroff -f
            """;
}
