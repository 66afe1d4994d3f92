/*
 * Compatibility shim between the Microsoft.Z3 4.12 managed wrapper and an older system libz3 (Debian's 4.8.x).
 *
 * The 4.12 wrapper calls Z3_enable_concurrent_dec_ref in every Context constructor and, relying on it, lets
 * .NET finalizers call the Z3_*_dec_ref functions directly on the finalizer thread. libz3 < 4.12 has neither
 * the function nor thread-safe reference counting, so a finalizer running while the analysis thread is inside
 * Z3 would corrupt the AST manager. This shim therefore:
 *   - exports Z3_enable_concurrent_dec_ref, which marks the context as "deferred";
 *   - interposes every *_dec_ref of a deferred context: the call is only queued (under a mutex);
 *   - interposes every *_inc_ref: the wrapper only calls those on the thread that owns the context (finalizers
 *     never inc_ref), so after forwarding, that is a safe point to apply the queued dec_refs of that context;
 *   - interposes Z3_del_context to apply, then drop, the queue of a context that is going away.
 * All other Z3_* symbols are found through this library's dependency on libz3.so.4 (linked with --no-as-needed),
 * because dlsym on this library's handle also searches its dependencies.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

/*
 * Bind dlopen and dlsym to their oldest versions, so that a shim built on glibc 2.34 or later also loads on older
 * glibc (2.34 moved both from libdl into libc under new versions, and keeps the old ones there for compatibility;
 * before 2.34 they come from libdl, which the .NET host has loaded). Every other symbol the shim uses is as old.
 */
#if defined(__GLIBC__) && defined(__x86_64__)
__asm__(".symver dlopen,dlopen@GLIBC_2.2.5");
__asm__(".symver dlsym,dlsym@GLIBC_2.2.5");
#elif defined(__GLIBC__) && defined(__aarch64__)
__asm__(".symver dlopen,dlopen@GLIBC_2.17");
__asm__(".symver dlsym,dlsym@GLIBC_2.17");
#endif

typedef void (*ref_fn)(void *ctx, void *obj);
typedef void (*ctx_fn)(void *ctx);

typedef struct { ref_fn dec; void *obj; } pending_dec;

/* One queue per deferred context, so a flush only touches its own context's entries and costs O(its entries). */
typedef struct
{
    void *ctx;
    pending_dec *items;
    size_t count, capacity;
} context_queue;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static context_queue *queues = NULL;
static size_t queue_count = 0, queue_capacity = 0;
static void *libz3 = NULL;

__attribute__((constructor)) static void open_libz3(void)
{
    /* Dependencies are loaded before this constructor runs, so NOLOAD returns the libz3 this shim links. */
    libz3 = dlopen("libz3.so.4", RTLD_NOW | RTLD_NOLOAD);
}

static void *real_symbol(const char *name)
{
    void *sym = libz3 != NULL ? dlsym(libz3, name) : NULL;
    return sym != NULL ? sym : dlsym(RTLD_NEXT, name);
}

/* Caller holds the lock. */
static context_queue *find_queue(void *ctx)
{
    for (size_t i = 0; i < queue_count; i++)
    {
        if (queues[i].ctx == ctx) return &queues[i];
    }
    return NULL;
}

/* Applies the queued dec_refs of ctx; called only on the thread that currently uses ctx. */
static void flush(void *ctx)
{
    for (;;)
    {
        pthread_mutex_lock(&lock);
        context_queue *q = find_queue(ctx);
        if (q == NULL || q->count == 0)
        {
            pthread_mutex_unlock(&lock);
            return;
        }
        /* Take the whole batch so finalizers can keep queueing while it is applied outside the lock. */
        pending_dec *items = q->items;
        size_t n = q->count;
        q->items = NULL;
        q->count = 0;
        q->capacity = 0;
        pthread_mutex_unlock(&lock);
        for (size_t i = 0; i < n; i++) items[i].dec(ctx, items[i].obj);
        free(items);
    }
}

static void defer_or_call(ref_fn dec, void *ctx, void *obj)
{
    pthread_mutex_lock(&lock);
    context_queue *q = find_queue(ctx);
    if (q != NULL)
    {
        if (q->count == q->capacity)
        {
            size_t cap = q->capacity == 0 ? 256 : q->capacity * 2;
            pending_dec *grown = realloc(q->items, cap * sizeof(pending_dec));
            if (grown == NULL)
            {
                /* Out of memory: leaking one reference is the only safe option. */
                pthread_mutex_unlock(&lock);
                return;
            }
            q->items = grown;
            q->capacity = cap;
        }
        q->items[q->count++] = (pending_dec){ dec, obj };
    }
    /*
     * The 4.12 wrapper enables deferral on every context it creates, so an unknown ctx is one that was already
     * deleted (a finalizer racing Context.Dispose). Forwarding would touch freed memory; dropping leaks nothing
     * because deleting the context released the object.
     */
    pthread_mutex_unlock(&lock);
}

EXPORT void Z3_enable_concurrent_dec_ref(void *ctx)
{
    pthread_mutex_lock(&lock);
    if (find_queue(ctx) == NULL)
    {
        if (queue_count == queue_capacity)
        {
            size_t cap = queue_capacity == 0 ? 16 : queue_capacity * 2;
            context_queue *grown = realloc(queues, cap * sizeof(context_queue));
            if (grown == NULL)
            {
                pthread_mutex_unlock(&lock);
                return;
            }
            queues = grown;
            queue_capacity = cap;
        }
        queues[queue_count++] = (context_queue){ ctx, NULL, 0, 0 };
    }
    pthread_mutex_unlock(&lock);
}

EXPORT void Z3_del_context(void *ctx)
{
    static ctx_fn cached = NULL;
    /* Lazily resolved from any thread: atomics keep the benign race well-defined. */
    ctx_fn real = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);
    if (real == NULL)
    {
        real = (ctx_fn)real_symbol("Z3_del_context");
        __atomic_store_n(&cached, real, __ATOMIC_RELEASE);
    }
    /*
     * The owning thread deletes the context: apply its queued dec_refs first. Z3 deletes objects that are still
     * referenced far more slowly than it releases them one by one (several milliseconds for a small analysis).
     */
    flush(ctx);
    pthread_mutex_lock(&lock);
    context_queue *q = find_queue(ctx);
    if (q != NULL)
    {
        free(q->items);
        *q = queues[--queue_count];
    }
    pthread_mutex_unlock(&lock);
    /* Deleting the context releases everything it owns, so dropping its queue leaks nothing. */
    real(ctx);
}

/* Reports whether the concurrent dec_ref emulation of this shim is present (for diagnostics). */
EXPORT int terminator_z3shim_version(void) { return 1; }

/* Finalizer threads call the dec_ref functions, so the lazy lookup must be race-free. */
static ref_fn resolve(ref_fn *cache, const char *name)
{
    ref_fn fn = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (fn == NULL)
    {
        fn = (ref_fn)real_symbol(name);
        __atomic_store_n(cache, fn, __ATOMIC_RELEASE);
    }
    return fn;
}

#define INTERPOSE(incname, decname)                                          \
    static ref_fn cached_##incname = NULL;                                   \
    static ref_fn cached_##decname = NULL;                                   \
    EXPORT void incname(void *ctx, void *obj)                                \
    {                                                                        \
        ref_fn real = resolve(&cached_##incname, #incname);                  \
        real(ctx, obj);                                                      \
        flush(ctx);                                                          \
    }                                                                        \
    EXPORT void decname(void *ctx, void *obj)                                \
    {                                                                        \
        ref_fn real = resolve(&cached_##decname, #decname);                  \
        defer_or_call(real, ctx, obj);                                       \
    }

INTERPOSE(Z3_inc_ref, Z3_dec_ref)
INTERPOSE(Z3_solver_inc_ref, Z3_solver_dec_ref)
INTERPOSE(Z3_optimize_inc_ref, Z3_optimize_dec_ref)
INTERPOSE(Z3_model_inc_ref, Z3_model_dec_ref)
INTERPOSE(Z3_params_inc_ref, Z3_params_dec_ref)
INTERPOSE(Z3_param_descrs_inc_ref, Z3_param_descrs_dec_ref)
INTERPOSE(Z3_stats_inc_ref, Z3_stats_dec_ref)
INTERPOSE(Z3_func_interp_inc_ref, Z3_func_interp_dec_ref)
INTERPOSE(Z3_func_entry_inc_ref, Z3_func_entry_dec_ref)
INTERPOSE(Z3_goal_inc_ref, Z3_goal_dec_ref)
INTERPOSE(Z3_tactic_inc_ref, Z3_tactic_dec_ref)
INTERPOSE(Z3_probe_inc_ref, Z3_probe_dec_ref)
INTERPOSE(Z3_apply_result_inc_ref, Z3_apply_result_dec_ref)
INTERPOSE(Z3_ast_vector_inc_ref, Z3_ast_vector_dec_ref)
INTERPOSE(Z3_ast_map_inc_ref, Z3_ast_map_dec_ref)
INTERPOSE(Z3_fixedpoint_inc_ref, Z3_fixedpoint_dec_ref)
