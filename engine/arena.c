/*
 * arena.c - a bump allocator: a bank's questions and strings live in one
 * arena and die together, so error paths need no per-string frees.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BLOCK_SIZE (64 * 1024)

struct block {
	struct block *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
};

struct pmd_arena {
	struct block *head;
};

struct pmd_arena *arena_new(void)
{
	return calloc(1, sizeof(struct pmd_arena));
}

void *arena_alloc(struct pmd_arena *a, size_t n)
{
	struct block *b = a->head;
	size_t align = _Alignof(max_align_t);

	n = (n + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct pmd_arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *arena_strdup(struct pmd_arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct pmd_arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

uint64_t fnv1a64(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
