// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz harness: the model parser (analysis/model.c) over any bytes.  A
 * model file is user input (--model FILE, -fplugin-arg-...-model=FILE):
 * whatever it holds, loading it either succeeds or fails with one message
 * naming a line, never crashes, never leaks.  libFuzzer's entry point;
 * replay.c drives it over the corpus without libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char error[MODEL_ERROR_MAX];
	struct model *model = model_new();
	char *text = malloc(size + 1);

	if (!model || !text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	error[0] = '\0';
	if (model_load_text(model, "fuzz.model", text, error, sizeof(error))) {
		/* a refusal says where: "fuzz.model:LINE: ..." */
		if (strncmp(error, "fuzz.model:", 11))
			abort();
	} else {
		(void)model_find(model, MODEL_SINK, "kmap_local_pfn", NULL);
	}
	model_free(model);
	free(text);
	return 0;
}
