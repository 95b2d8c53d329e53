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
 *
 * <p>{@code hearth.root=1} (a VM given the root filesystem image, see {@link RootfsBuilder}): loads
 * virtio_blk, ext4 and overlay, mounts the disk labelled {@value RootfsBuilder#LABEL} (else
 * {@code /dev/vda}) read-only, lays a tmpfs over it with overlayfs (the guest may write anywhere,
 * nothing reaches the image, and all writes are gone with the VM), mounts /proc, /sys, /dev, /tmp and
 * /run in it, copies the agent in and runs it there under chroot, with a Debian PATH and HOME. Process
 * 1 stays this script outside the chroot, so it still powers the guest off when the agent ends. The
 * agent's port is opened here, before the chroot, as without a root image.
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
            root=0
            for word in $(cat /proc/cmdline); do
              case $word in
                hearth.net=1) net=1 ;;
                hearth.blk=1) load "$HEARTH_MODULES_BLK" ;;
                hearth.vsock=*) load "$HEARTH_MODULES_VSOCK"; vsock=${word#hearth.vsock=} ;;
                hearth.root=1) root=1 ;;
              esac
            done
            ip link set lo up
            if [ "$net" = 1 ]; then
              load "$HEARTH_MODULES_NET"
              ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && ip route add default via 10.0.2.2
              echo "nameserver 10.0.2.3" > /etc/resolv.conf
            fi
            fail() { echo "hearth-init: $*"; poweroff -f; }
            if [ "$root" = 1 ]; then
              load "$HEARTH_MODULES_ROOT"
              tries=0
              until [ -b /dev/vda ]; do
                tries=$((tries + 1))
                [ "$tries" -gt 3000 ] && fail "hearth.root=1 but no disk /dev/vda"
                sleep 0.01
              done
              disk=$(findfs LABEL=hearth-root 2>/dev/null) || disk=/dev/vda
              mkdir -p /mnt/image /mnt/rw /mnt/root
              mount -t ext4 -o ro "$disk" /mnt/image || fail "cannot mount the root image $disk"
              # Writes land in memory, above the read-only image: the image stays as built.
              mount -t tmpfs -o mode=755 tmpfs /mnt/rw
              mkdir -p /mnt/rw/upper /mnt/rw/work
              mount -t overlay -o lowerdir=/mnt/image,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work overlay /mnt/root || fail "cannot lay the overlay on the root image"
              mount -t proc proc /mnt/root/proc
              mount -t sysfs sysfs /mnt/root/sys
              mount -o bind /dev /mnt/root/dev
              mount -o bind /dev/pts /mnt/root/dev/pts
              mount -o bind /dev/shm /mnt/root/dev/shm
              mount -t tmpfs -o mode=1777 tmpfs /mnt/root/tmp
              mount -t tmpfs -o mode=755 tmpfs /mnt/root/run
              mkdir -p /mnt/root/usr/local/sbin /mnt/root/root
              cp /sbin/hearth-agent /mnt/root/usr/local/sbin/hearth-agent || fail "cannot copy the agent into the root image"
              [ "$net" = 1 ] && cp /etc/resolv.conf /mnt/root/etc/resolv.conf
              export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
              echo "hearth-init: root image $disk under a memory overlay"
            fi
            # The agent, in the root image when there is one (its port is opened by the caller, out here).
            agent() {
              if [ "$root" = 1 ]; then
                chroot /mnt/root /bin/sh -c 'cd /root && exec /usr/local/sbin/hearth-agent "$@"' hearth-agent "$@"
              else
                /sbin/hearth-agent "$@"
              fi
            }
            if [ -n "$vsock" ]; then
              cd /root
              echo "hearth-init: agent on vsock port $vsock"
              while :; do agent --vsock-listen "$vsock" 2>/dev/console; sleep 0.05; done
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
            agent <>"$port" >&0 2>/dev/console
            echo "hearth-init: agent exited with status $?; powering off"
            poweroff -f
            """;
}
