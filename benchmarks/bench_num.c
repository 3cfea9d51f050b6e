/* Micro benchmark of the exact rationals: ns per add / cmp / addmul on small
 * integers, small fractions and big (GMP) values, and parse throughput.
 * Build and run: make OPT="-O3 -g -DNDEBUG" BUILD=build/release build/release/bench/bench_num
 *                build/release/bench/bench_num */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mechcheck/num.h"

enum { N = 4096 };

static uint64_t rng = 0x5eed;

static uint64_t next_u64(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int64_t rand_range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(next_u64() % (uint64_t)(hi - lo + 1));
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef enum { INTS, FRACS, BIGS } kind;
static const char *kind_name[] = {"small int", "small frac", "big"};

static void fill(mc_q *v, kind k)
{
    for (size_t i = 0; i < N; i++) {
        switch (k) {
        case INTS:
            mc_q_set_i64(&v[i], rand_range(-1000, 1000));
            break;
        case FRACS:
            mc_q_set_frac(&v[i], rand_range(-1000, 1000), rand_range(1, 1000));
            break;
        case BIGS: {
            /* ~30-digit numerator over ~20-digit denominator */
            char text[96];
            snprintf(text, sizeof text, "%llu%019llu%010llu/%llu%019llu",
                     (unsigned long long)rand_range(1, 999),
                     (unsigned long long)(next_u64() % 10000000000000000000ULL),
                     (unsigned long long)(next_u64() % 10000000000ULL),
                     (unsigned long long)rand_range(1, 999),
                     (unsigned long long)(next_u64() % 10000000000000000000ULL));
            if (mc_q_parse(&v[i], text, (size_t)-1, NULL) != MC_OK || !mc_q_is_big(&v[i]))
                abort();
            break;
        }
        }
    }
}

static volatile int64_t sink;

static void bench_kind(kind k)
{
    static mc_q a[N], b[N], nb[N], out[N];
    mc_q_init_vec(a, N);
    mc_q_init_vec(b, N);
    mc_q_init_vec(nb, N);
    mc_q_init_vec(out, N);
    fill(a, k);
    fill(b, k);
    for (size_t i = 0; i < N; i++)
        mc_q_neg(&nb[i], &b[i]);
    int reps = k == BIGS ? 100 : 2000;
    double ops = (double)reps * N;

    double t0 = now_ns();
    for (int r = 0; r < reps; r++)
        for (size_t i = 0; i < N; i++)
            mc_q_add(&out[i], &a[i], &b[i]);
    double t_add = (now_ns() - t0) / ops;

    int64_t acc = 0;
    t0 = now_ns();
    for (int r = 0; r < reps; r++)
        for (size_t i = 0; i < N; i++)
            acc += mc_q_cmp(&a[i], &b[(i + (size_t)r) % N]);
    double t_cmp = (now_ns() - t0) / ops;
    sink = acc;

    /* out += a*b, then out += a*(-b): values stay bounded. */
    for (size_t i = 0; i < N; i++)
        mc_q_set(&out[i], &a[(i + 1) % N]);
    t0 = now_ns();
    for (int r = 0; r < reps; r += 2)
        for (size_t i = 0; i < N; i++) {
            mc_q_addmul(&out[i], &a[i], &b[i]);
            mc_q_addmul(&out[i], &a[i], &nb[i]);
        }
    double t_addmul = (now_ns() - t0) / ops;

    printf("%-11s add %7.2f ns   cmp %7.2f ns   addmul %7.2f ns\n", kind_name[k], t_add, t_cmp, t_addmul);
    mc_q_clear_vec(a, N);
    mc_q_clear_vec(b, N);
    mc_q_clear_vec(nb, N);
    mc_q_clear_vec(out, N);
}

/* Numbers separated by single spaces; returns the text and their count. */
static char *make_text(size_t count, bool mixed, size_t *len)
{
    char *text = malloc(count * 24);
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        unsigned form = mixed ? (unsigned)(next_u64() % 3) : 0;
        if (form == 0)
            n += (size_t)sprintf(text + n, "%lld ", (long long)rand_range(-100000, 100000));
        else if (form == 1)
            n += (size_t)sprintf(text + n, "%lld.%02lld ", (long long)rand_range(-1000, 1000),
                                 (long long)rand_range(0, 99));
        else
            n += (size_t)sprintf(text + n, "%lld/%lld ", (long long)rand_range(-1000, 1000),
                                 (long long)rand_range(1, 1000));
    }
    *len = n;
    return text;
}

static void bench_parse(bool mixed)
{
    size_t count = 2000000, len;
    char *text = make_text(count, mixed, &len);
    mc_q q = MC_Q_ZERO;
    int64_t acc = 0;
    double t0 = now_ns();
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (text[j] != ' ')
            j++;
        if (mc_q_parse(&q, text + i, j - i, NULL) != MC_OK)
            abort();
        acc += q.den;
        i = j + 1;
    }
    double t = now_ns() - t0;
    sink = acc;
    printf("parse %-12s %6.1f M numbers/s (%.1f ns each)\n", mixed ? "int/dec/frac" : "short ints",
           count / t * 1e3, t / count);
    mc_q_clear(&q);
    free(text);
}

int main(void)
{
    bench_kind(INTS);
    bench_kind(FRACS);
    bench_kind(BIGS);
    bench_parse(false);
    bench_parse(true);
    printf("GMP operations in this thread: %llu\n", (unsigned long long)mc_q_big_ops());
    return 0;
}
