/*
 * fuzz-replay.c - the driver every fuzz harness (test/fuzz-*.c) is linked
 * with when it is not built for libFuzzer: it feeds the harness each file
 * named on the command line, so the test suite replays the seeds and
 * whatever a fuzzing run once found.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../cgi/util.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *data;
		size_t len;
		if (read_file(argv[i], &data, &len) < 0) {
			perror(argv[i]);
			return 1;
		}
		fprintf(stderr, "replaying %s\n", argv[i]);   /* names a crash's input */
		LLVMFuzzerTestOneInput((const unsigned char *)data, len);
		free(data);
	}
	printf("replayed %d inputs\n", argc - 1);
	return 0;
}
