// SPDX-License-Identifier: GPL-2.0
/*
 * dmacheck: write a pattern to a block device from a buffer at a chosen
 * offset within a page, read it back into a buffer at another offset,
 * and compare.  Built static by the boot tier, run in the guest.
 *
 *   dmacheck DEVICE direct|buffered BUFOFF DISKOFF LENGTH SEED
 *
 * direct opens the device with O_DIRECT (BUFOFF, DISKOFF and LENGTH must
 * then be multiples of the logical block size); buffered writes through
 * the page cache, then fsync()s, drops the device's buffers (BLKFLSBUF)
 * and the page cache, so the read goes to the device again.  The pattern
 * depends on SEED and on each byte's position, so data that lands at the
 * wrong offset, in memory or on the disk, reads back different.
 *
 * Prints "dmacheck: written SUM read SUM" (FNV-1a of each buffer) and exits
 * 0 when they match byte for byte, 1 when not, 2 on an I/O error.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/fs.h>

#define PAGE 4096UL

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n--) {
		h ^= *p++;
		h *= 1099511628211ULL;
	}
	return h;
}

static void fill(unsigned char *p, size_t n, uint64_t seed)
{
	uint64_t x = seed * 2654435761ULL + 88172645463325252ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (unsigned char)(x >> 24) ^ (unsigned char)i;
	}
}

static int full_io(int fd, unsigned char *buf, size_t len, off_t pos, int write)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write ? pwrite(fd, buf + done, len - done, pos + done)
				  : pread(fd, buf + done, len - done, pos + done);
		if (n <= 0) {
			perror(write ? "dmacheck: pwrite" : "dmacheck: pread");
			return -1;
		}
		done += n;
	}
	return 0;
}

static void drop_caches(int fd)
{
	int dc;

	if (ioctl(fd, BLKFLSBUF, 0))
		perror("dmacheck: BLKFLSBUF");
	dc = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (dc >= 0) {
		if (write(dc, "3\n", 2) != 2)
			perror("dmacheck: drop_caches");
		close(dc);
	}
}

int main(int argc, char **argv)
{
	unsigned char *wbase, *rbase, *wbuf, *rbuf;
	size_t bufoff, len, roff;
	off_t diskoff;
	uint64_t seed, ws, rs;
	int direct, fd;

	if (argc != 7) {
		fprintf(stderr, "usage: dmacheck DEVICE direct|buffered BUFOFF DISKOFF LENGTH SEED\n");
		return 2;
	}
	direct = !strcmp(argv[2], "direct");
	bufoff = strtoul(argv[3], NULL, 0);
	diskoff = strtoll(argv[4], NULL, 0);
	len = strtoul(argv[5], NULL, 0);
	seed = strtoull(argv[6], NULL, 0);
	/* read back at another offset of the same kind: a sector further on */
	roff = (bufoff + (direct ? 1024 : 1031)) % PAGE;
	if (direct && roff % 512)
		roff = 512;

	if (posix_memalign((void **)&wbase, PAGE, len + 2 * PAGE) ||
	    posix_memalign((void **)&rbase, PAGE, len + 2 * PAGE)) {
		fprintf(stderr, "dmacheck: out of memory\n");
		return 2;
	}
	wbuf = wbase + bufoff;
	rbuf = rbase + roff;
	fill(wbuf, len, seed);
	memset(rbase, 0x5a, len + 2 * PAGE);

	fd = open(argv[1], O_RDWR | (direct ? O_DIRECT : 0));
	if (fd < 0) {
		perror("dmacheck: open");
		return 2;
	}
	if (full_io(fd, wbuf, len, diskoff, 1))
		return 2;
	if (fsync(fd))
		perror("dmacheck: fsync");
	if (!direct)
		drop_caches(fd);
	if (full_io(fd, rbuf, len, diskoff, 0))
		return 2;
	close(fd);

	ws = fnv1a(wbuf, len);
	rs = fnv1a(rbuf, len);
	printf("dmacheck: %s bufoff %zu readoff %zu diskoff %lld len %zu: written %016llx read %016llx\n",
	       argv[2], bufoff, roff, (long long)diskoff, len,
	       (unsigned long long)ws, (unsigned long long)rs);
	return memcmp(wbuf, rbuf, len) ? 1 : 0;
}
