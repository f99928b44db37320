#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the boot tier's guest (busybox-static and dmacheck).  Moves data
# through the block devices (boottest=disks on the kernel command line) or
# the network devices (boottest=nets) qemu gave it, prints one line per
# check on the console:
#
#   BOOTTEST PASS|FAIL NAME [detail]
#
# then the DMA API debug's error count, the function profile of the
# functions that hold converted call sites, and powers off.

/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin /proc /sys /dev /tmp
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
exec 0</dev/console 1>/dev/console 2>&1
mount -t tmpfs tmpfs /tmp
# the checks' scratch files, in a directory of their own on that tmpfs
SCRATCH=$(mktemp -d)
mount -t debugfs debugfs /sys/kernel/debug
T=/sys/kernel/debug/tracing
[ -d $T ] || { mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null; T=/sys/kernel/tracing; }

say() { echo "BOOTTEST $*"; }
result()
{
	# result NAME STATUS DETAIL: STATUS 0 passes
	if [ "$2" = 0 ]; then say PASS "$1" "$3"; else say FAIL "$1" "$3"; fi
}

say START "$(uname -r) $(cat /proc/cmdline)"

# count calls of the functions that hold converted sites (those ftrace can
# see; the list comes from the host, see sites.py)
if [ -s /etc/boottest/functions ] && [ -d $T ]; then
	n=0
	for f in $(cat /etc/boottest/functions); do
		echo "$f" >> $T/set_ftrace_filter 2>/dev/null && n=$((n + 1))
	done
	echo 1 > $T/function_profile_enabled 2>/dev/null &&
		say INFO profiling "$n functions"
	# the others are not traceable (inlined, or notrace)
	say INFO traced $(cat $T/set_ftrace_filter)
fi

# guarded SECONDS COMMAND...: run COMMAND (output in $SCRATCH/guarded.out) and
# give up on it after SECONDS, status 124: a process stuck in a driver
# cannot be killed, but this shell goes on to report it and the next check
guarded()
{
	secs=$1
	shift
	"$@" > $SCRATCH/guarded.out 2>&1 &
	pid=$!
	i=0
	while kill -0 $pid 2>/dev/null; do
		if [ $i -ge $((secs * 10)) ]; then
			kill -9 $pid 2>/dev/null
			echo "timed out after $secs s" >> $SCRATCH/guarded.out
			return 124
		fi
		sleep 0.1
		i=$((i + 1))
	done
	wait $pid
}

wait_for()
{
	i=0
	while [ ! -b "$1" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -b "$1" ]
}

seed=1
block_checks()
{
	# block_checks NAME DEVICE
	name=$1 dev=$2
	if ! wait_for "$dev"; then
		say FAIL "$name-present" "no $dev"
		return
	fi
	say PASS "$name-present" "$dev"
	# buffered: any offset in the page; O_DIRECT: multiples of the
	# logical block size that are not multiples of the page
	for spec in "buffered 1 7 200003" "buffered 2049 65536 131072" \
		    "buffered 4095 1048583 300000" "direct 0 2097152 131072" \
		    "direct 512 4194304 131072" "direct 1536 6291456 262144" \
		    "direct 3584 8388608 69632"; do
		set -- $spec
		kind=$1 off=$2
		check=$name-$kind-offset$off
		[ $kind = direct ] && check=$name-odirect-offset$off
		seed=$((seed + 1))
		guarded 60 dmacheck "$dev" $spec $seed
		result "$check" $? "$(tr '\n' ' ' < $SCRATCH/guarded.out)"
	done
}

layout=$(sed -n 's/.*boottest=\([a-z]*\).*/\1/p' /proc/cmdline)
if [ "$layout" = disks ]; then
	block_checks virtio-blk /dev/vda
	block_checks nvme /dev/nvme0n1
	block_checks usb-storage /dev/sda
fi

iface_of()
{
	for i in /sys/class/net/*; do
		d=$(readlink $i/device/driver 2>/dev/null)
		[ "${d##*/}" = "$1" ] && { echo ${i##*/}; return 0; }
	done
	return 1
}

net_checks()
{
	# net_checks NAME DRIVER [MTU]: the blob from qemu's TFTP server
	# (receive) and one sent to the host's guestfwd checksummer (send)
	name=$1 drv=$2 mtu=${3:-1500}
	if ! ifc=$(iface_of $drv); then
		say FAIL "$name-present" "no interface bound to $drv"
		return
	fi
	[ $mtu = 1500 ] && say PASS "$name-present" "$ifc"
	if ! guarded 30 net_up $ifc $mtu; then
		say FAIL "$name-up" "$(tr '\n' ' ' < $SCRATCH/guarded.out)"
		return
	fi
	rm -f $SCRATCH/blob
	guarded 60 tftp -g -r blob -l $SCRATCH/blob 10.0.2.2
	got=$(sha256sum $SCRATCH/blob 2>/dev/null | cut -d' ' -f1)
	want=$(cat /etc/boottest/blob.sha256)
	[ "$got" = "$want" ]
	result "$name-rx-tftp" $? "sha256 $got $(tr '\n' ' ' < $SCRATCH/guarded.out)"
	# send: the host side reads exactly the blob's size and answers with
	# its sha256
	guarded 60 sh -c 'nc 10.0.2.100 5555 < /etc/boottest/txblob'
	reply=$(cut -d' ' -f1 < $SCRATCH/guarded.out | head -n 1)
	want=$(cat /etc/boottest/txblob.sha256)
	[ "$reply" = "$want" ]
	result "$name-tx-guestfwd" $? "host saw sha256 $reply"
	guarded 30 net_down $ifc
}

net_up()
{
	ip link set lo up
	ip link set $1 mtu $2
	ip link set $1 up
	ip addr add 10.0.2.15/24 dev $1
	ip route add default via 10.0.2.2 dev $1 2>/dev/null
	sleep 1
}

net_down()
{
	ip addr flush dev $1
	ip link set $1 down
}

if [ "$layout" = nets ]; then
	net_checks virtio-net virtio_net
	net_checks e1000e e1000e
	# a large MTU turns e1000e's receive path to jumbo frames
	net_checks e1000e-mtu4000 e1000e 4000
fi

if [ -d $T ]; then
	echo 0 > $T/function_profile_enabled 2>/dev/null
	for f in $T/trace_stat/function*; do
		[ -f "$f" ] || continue
		sed -n 's/^ *\([a-z_A-Z0-9.]*\) *\([0-9][0-9]*\) .*/\1 \2/p' "$f"
	done | awk '{c[$1] += $2} END {for (f in c) print "BOOTTEST HITS", f, c[f]}'
fi
E=/sys/kernel/debug/dma-api
say INFO dma-api-errors "$(cat $E/error_count 2>/dev/null || echo unknown)"
say INFO dma-api-disabled "$(cat $E/disabled 2>/dev/null || echo unknown)"
say DONE
# no sync: a device the test broke may never answer
poweroff -f
