#define _GNU_SOURCE
#include "CHugeHeap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glibc's HEAP_MAX_SIZE on 64-bit systems: every thread heap is a reservation of this size,
   aligned to it. */
static const uintptr_t thread_heap_size = (uintptr_t)64 << 20;

int gloss_thread_heap_bounds(const char *maps, uintptr_t address, struct gloss_heap_bounds *bounds) {
    int found = 0;
    for (const char *line = maps; line != NULL && *line != '\0';) {
        unsigned long from, to;
        char permissions[5] = {0};
        if (sscanf(line, "%lx-%lx %4s", &from, &to, permissions) == 3) {
            if (found) {
                if (from == bounds->writable_end && strcmp(permissions, "---p") == 0) bounds->reserve_end = to;
                break;
            }
            if (from <= address && address < to) {
                if (strcmp(permissions, "rw-p") != 0) return 0;
                bounds->start = from;
                bounds->writable_end = bounds->reserve_end = to;
                found = 1;
            }
        }
        line = strchr(line, '\n');
        if (line != NULL) line++;
    }
    if (!found || bounds->start % thread_heap_size != 0) return 0;
    /* A heap grown to its whole reservation: what follows is someone else's. */
    if (bounds->writable_end - bounds->start == thread_heap_size) {
        bounds->reserve_end = bounds->writable_end;
        return 1;
    }
    return bounds->reserve_end - bounds->start == thread_heap_size;
}

int gloss_code_range_is_read_only(const char *maps, uintptr_t from, uintptr_t to) {
    if (from >= to) return 0;
    uintptr_t covered = from;
    for (const char *line = maps; line != NULL && *line != '\0' && covered < to;) {
        unsigned long start, end, offset, inode;
        char permissions[5] = {0}, device[16] = {0};
        if (sscanf(line, "%lx-%lx %4s %lx %15s %lu", &start, &end, permissions, &offset, device, &inode) == 6
            && start <= covered && covered < end) {
            /* Private, not writable, and backed by a file: its pages can always be read again. */
            if (permissions[1] != '-' || permissions[3] != 'p' || inode == 0) return 0;
            covered = end;
        }
        line = strchr(line, '\n');
        if (line != NULL) line++;
    }
    return covered >= to;
}

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

/* MADV_COLLAPSE (Linux 6.1), which older C library headers do not name. */
#ifdef MADV_COLLAPSE
#define MADV_COLLAPSE_PAGES MADV_COLLAPSE
#else
#define MADV_COLLAPSE_PAGES 25
#endif

/* Read once per process: the main heap and each long-lesson thread ask. */
static int huge_pages_offered(void) {
    static _Atomic int known = -1;
    int offered = known;
    if (offered >= 0) return offered;
    offered = 0;
    if (prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) != 1) {
        FILE *setting = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "re");
        if (setting != NULL) {
            char line[128] = {0};
            offered = fgets(line, sizeof line, setting) != NULL && strstr(line, "[never]") == NULL;
            fclose(setting);
        }
    }
    known = offered;
    return offered;
}

/* The whole of /proc/self/maps, NUL-terminated; NULL when it cannot be read. */
static char *read_maps(void) {
    FILE *file = fopen("/proc/self/maps", "re");
    if (file == NULL) return NULL;
    size_t capacity = 16384, length = 0;
    char *text = malloc(capacity);
    while (text != NULL) {
        length += fread(text + length, 1, capacity - length - 1, file);
        if (length < capacity - 1) break;
        char *larger = realloc(text, capacity * 2);
        if (larger == NULL) { free(text); text = NULL; break; }
        text = larger;
        capacity *= 2;
    }
    int failed = ferror(file);
    fclose(file);
    if (text == NULL || failed) { free(text); return NULL; }
    text[length] = '\0';
    return text;
}

int gloss_huge_heap_for_this_thread(void) {
    if (!huge_pages_offered()) return GLOSS_HUGE_HEAP_UNAVAILABLE;
    void *probe = malloc(64);
    if (probe == NULL) return GLOSS_HUGE_HEAP_REFUSED;
    uintptr_t address = (uintptr_t)probe;
    char *maps = read_maps();
    free(probe);
    if (maps == NULL) return GLOSS_HUGE_HEAP_REFUSED;
    struct gloss_heap_bounds heap = {0, 0, 0};
    int isThreadHeap = gloss_thread_heap_bounds(maps, address, &heap);
    free(maps);
    if (!isThreadHeap) return GLOSS_HUGE_HEAP_OTHER_LAYOUT;

    if (heap.reserve_end > heap.writable_end
        && mprotect((void *)heap.writable_end, heap.reserve_end - heap.writable_end, PROT_READ | PROT_WRITE) != 0)
        return GLOSS_HUGE_HEAP_REFUSED;
    if (madvise((void *)heap.start, thread_heap_size, MADV_HUGEPAGE) != 0) return GLOSS_HUGE_HEAP_REFUSED;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    /* glibc wrote the heap's header, and this function its probe and the maps text, before the
       advice: the first 2 MB already has 4 KB pages, so every later fault there would get one
       too (for the 8 MB lesson, some 500 of them, each freed on its own at exit). Folding them
       into one 2 MB page now keeps the whole heap in 2 MB pages. Older kernels have no
       MADV_COLLAPSE, and a kernel with no 2 MB page free at the moment says so: the heap is
       advised all the same. */
    return madvise((void *)heap.start, (size_t)2 << 20, MADV_COLLAPSE_PAGES) == 0 ? GLOSS_HUGE_HEAP_DONE
                                                                              : GLOSS_HUGE_HEAP_ADVISED;
}

int gloss_huge_main_heap(void) {
    if (!huge_pages_offered()) return GLOSS_HUGE_HEAP_UNAVAILABLE;
    const uintptr_t huge = (uintptr_t)2 << 20;
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TOP_PAD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    /* A block larger than any free one comes from the top of the heap, so it starts where the
       top does; freed, it goes back to the top. */
    void *probe = malloc(256 << 10);
    if (probe == NULL) return GLOSS_HUGE_HEAP_REFUSED;
    uintptr_t top = (uintptr_t)probe;
    free(probe);
    uintptr_t boundary = (top + 8192 + huge - 1) & ~(huge - 1);
    /* Ends a page short of the boundary, so that the top's header, written after it, does not
       touch the first 2 MB page before it is advised. Never freed. */
    void *filler = malloc(boundary - top - 4096);
    if (filler == NULL) return GLOSS_HUGE_HEAP_REFUSED;
    uintptr_t filled = (uintptr_t)filler + malloc_usable_size(filler);
    uintptr_t end = (uintptr_t)sbrk(0);
    if ((uintptr_t)filler < top || filled >= boundary || end <= boundary) return GLOSS_HUGE_HEAP_OTHER_LAYOUT;
    return madvise((void *)boundary, end - boundary, MADV_HUGEPAGE) == 0 ? GLOSS_HUGE_HEAP_DONE : GLOSS_HUGE_HEAP_REFUSED;
}

int gloss_release_code_pages(uintptr_t from, uintptr_t to) {
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    from = (from + page - 1) & ~(page - 1);
    to &= ~(page - 1);
    if (from >= to) return GLOSS_CODE_NOTHING;
    char *maps = read_maps();
    if (maps == NULL) return GLOSS_CODE_FAILED;
    int safe = gloss_code_range_is_read_only(maps, from, to);
    free(maps);
    if (!safe) return GLOSS_CODE_REFUSED;
    return madvise((void *)from, to - from, MADV_DONTNEED) == 0 ? GLOSS_CODE_RELEASED : GLOSS_CODE_FAILED;
}

/* Set by scripts/code-order.ld around the code that runs only while gloss starts; absent (0)
   from a build linked without it. */
extern char gloss_startup_code_start[] __attribute__((weak));
extern char gloss_startup_code_end[] __attribute__((weak));

int gloss_release_startup_code(void) {
    if (gloss_startup_code_start == NULL || gloss_startup_code_end == NULL) return GLOSS_CODE_NOTHING;
    return gloss_release_code_pages((uintptr_t)gloss_startup_code_start, (uintptr_t)gloss_startup_code_end);
}

#else

int gloss_huge_heap_for_this_thread(void) { return GLOSS_HUGE_HEAP_UNAVAILABLE; }
int gloss_huge_main_heap(void) { return GLOSS_HUGE_HEAP_UNAVAILABLE; }
int gloss_release_code_pages(uintptr_t from, uintptr_t to) { (void)from; (void)to; return GLOSS_CODE_NOTHING; }
int gloss_release_startup_code(void) { return GLOSS_CODE_NOTHING; }

#endif
