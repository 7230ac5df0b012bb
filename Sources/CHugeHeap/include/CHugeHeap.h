#ifndef GLOSS_CHUGEHEAP_H
#define GLOSS_CHUGEHEAP_H

/* What gloss_huge_heap_for_this_thread and gloss_huge_main_heap did. */
enum gloss_huge_heap {
    /* The heap is now backed by 2 MB pages as it is touched. */
    GLOSS_HUGE_HEAP_DONE = 1,
    /* The thread heap is advised as for DONE, but the kernel could not fold the 4 KB pages its
       first 2 MB already had into a 2 MB page (no MADV_COLLAPSE before Linux 6.1, or no 2 MB
       page free at the moment): that part stays in 4 KB pages. */
    GLOSS_HUGE_HEAP_ADVISED = 2,
    /* Not Linux with glibc, or the kernel offers no transparent huge pages to this process. */
    GLOSS_HUGE_HEAP_UNAVAILABLE = 0,
    /* The heap is not where or as expected (for the thread function, the thread allocates from
       something other than a 64 MB glibc thread heap; for the main one, the program's break
       did not move with the heap): nothing was advised. */
    GLOSS_HUGE_HEAP_OTHER_LAYOUT = -1,
    /* The kernel refused to make the heap's reserve writable or to advise it. */
    GLOSS_HUGE_HEAP_REFUSED = -2,
};

/* Asks for the calling thread's malloc heap to be backed by transparent huge pages, for a
 * thread that is about to allocate tens of megabytes it keeps until the process ends (a long
 * lesson's analysis). An exit tears down a 2 MB page as quickly as a 4 KB one, so a process
 * holding 30 MB of them quits in a fraction of the time (issue 5: the 8 MB lesson's quit), and
 * the thread takes one page fault per 2 MB instead of 512.
 *
 * glibc grows a thread's heap a few pages at a time inside a 64 MB reservation, and the kernel
 * only gives a 2 MB page to a fault whose whole 2 MB lies in writable memory; so the
 * reservation is made writable at once (it stays unbacked until touched) and advised with
 * MADV_HUGEPAGE. Blocks up to 32 MB are then served from the heap rather than mapped on their
 * own, and the heap is no longer trimmed, which would split its huge pages: process-wide
 * settings, fitting a process that is about to hold a long lesson until it quits. The 4 KB
 * pages the heap's first 2 MB already has (its header, written before the advice) are folded
 * into one 2 MB page (MADV_COLLAPSE), or later faults there would get 4 KB pages too.
 *
 * Purely an optimisation: when anything is not as expected nothing is changed, and the result
 * says why. */
int gloss_huge_heap_for_this_thread(void);

/* The same for the main thread's heap (glibc's main arena, grown with brk), for a process that
 * is about to start the full-screen reader, and to be called before it allocates much. The
 * break starts anywhere within a 2 MB page, so one block, kept for ever and never written,
 * fills the heap up to the next 2 MB boundary; the heap is then grown by 8 MB at a time and
 * advised MADV_HUGEPAGE from that boundary on. What the reader allocates next (curses' windows,
 * the Screen, the lesson) lands in 2 MB pages: the seed lesson's 1.3 MB of heap takes one page
 * fault instead of some 330, and the exit frees one page. The cost is up to 2 MB of address
 * space and, in memory, the rest of the last 2 MB page. Blocks up to 4 MB are then served from
 * the heap rather than mapped on their own, and the heap is not trimmed. */
int gloss_huge_main_heap(void);

#include <stdint.h>

/* Where a glibc thread heap lies: the writable part from `start`, and the inaccessible rest of
   its reservation up to `reserve_end` (equal to `writable_end` once the heap is all writable). */
struct gloss_heap_bounds {
    uintptr_t start, writable_end, reserve_end;
};

/* Finds in `maps` (the text of /proc/self/maps) the private writable mapping holding `address`
 * and the inaccessible mapping right after it. 1 when the two make one 64 MB reservation aligned
 * to 64 MB, as glibc lays out a thread heap; 0 otherwise (an address in the main heap, a thread's
 * stack guard after a mapping, no such mapping), and then only what is certain to be a thread
 * heap is ever changed. */
int gloss_thread_heap_bounds(const char *maps, uintptr_t address, struct gloss_heap_bounds *bounds);

/* What gloss_release_code_pages and gloss_release_startup_code did. */
enum gloss_code_release {
    /* The range's pages were handed back: the next run of that code maps them again. */
    GLOSS_CODE_RELEASED = 1,
    /* Nothing to do: an empty range, a build without the startup range, or not Linux. */
    GLOSS_CODE_NOTHING = 0,
    /* Some of the range is not private, read-only and backed by a file (writable data, say,
       whose changes would be lost): nothing was done. */
    GLOSS_CODE_REFUSED = -1,
    /* /proc/self/maps could not be read, or the kernel refused. */
    GLOSS_CODE_FAILED = -2,
};

/* 1 when [from, to) is wholly covered, in `maps` (the text of /proc/self/maps), by private
 * mappings of a file that are not writable; 0 otherwise. */
int gloss_code_range_is_read_only(const char *maps, uintptr_t from, uintptr_t to);

/* Hands back the whole pages of [from, to) (MADV_DONTNEED) when they lie in private read-only
 * mappings of a file, as a program's code does: they leave the process's page tables, and a
 * later run of that code maps them again from the page cache. Anything else is refused. */
int gloss_release_code_pages(uintptr_t from, uintptr_t to);

/* The same for the code that runs only while gloss starts (the runtime, the terminal's setup,
 * reading and analysing the lesson, making the database), which scripts/code-order.ld gathers
 * between two symbols. An exit unmaps every page a process has mapped, one at a time, and a
 * file's page took about 0.2 us here: handed back while the reader is quiet after its first
 * screen, they are not there to unmap when it quits (issue 5). */
int gloss_release_startup_code(void);

#endif
