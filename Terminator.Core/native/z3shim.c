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
 *   - interposes Z3_del_context to drop the queue of a context that is going away.
 * All other Z3_* symbols are found through this library's dependency on libz3.so.4 (linked with --no-as-needed),
 * because dlsym on this library's handle also searches its dependencies.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef void (*ref_fn)(void *ctx, void *obj);
typedef void (*ctx_fn)(void *ctx);

typedef struct { ref_fn dec; void *ctx; void *obj; } pending_dec;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pending_dec *pending = NULL;
static size_t pending_count = 0, pending_capacity = 0;
static void **deferred_ctxs = NULL;
static size_t deferred_count = 0, deferred_capacity = 0;
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
static int is_deferred(void *ctx)
{
    for (size_t i = 0; i < deferred_count; i++)
    {
        if (deferred_ctxs[i] == ctx) return 1;
    }
    return 0;
}

/* Applies the queued dec_refs of ctx; called only on the thread that currently uses ctx. */
static void flush(void *ctx)
{
    pending_dec local[64];
    for (;;)
    {
        size_t n = 0;
        pthread_mutex_lock(&lock);
        size_t kept = 0;
        for (size_t i = 0; i < pending_count; i++)
        {
            if (pending[i].ctx == ctx && n < 64) local[n++] = pending[i];
            else pending[kept++] = pending[i];
        }
        pending_count = kept;
        pthread_mutex_unlock(&lock);
        if (n == 0) return;
        for (size_t i = 0; i < n; i++) local[i].dec(local[i].ctx, local[i].obj);
    }
}

static void defer_or_call(ref_fn dec, void *ctx, void *obj)
{
    pthread_mutex_lock(&lock);
    if (is_deferred(ctx))
    {
        if (pending_count == pending_capacity)
        {
            size_t cap = pending_capacity == 0 ? 256 : pending_capacity * 2;
            pending_dec *grown = realloc(pending, cap * sizeof(pending_dec));
            if (grown == NULL)
            {
                /* Out of memory: leaking one reference is the only safe option. */
                pthread_mutex_unlock(&lock);
                return;
            }
            pending = grown;
            pending_capacity = cap;
        }
        pending[pending_count++] = (pending_dec){ dec, ctx, obj };
        pthread_mutex_unlock(&lock);
        return;
    }
    pthread_mutex_unlock(&lock);
    /*
     * The 4.12 wrapper enables deferral on every context it creates, so an unknown ctx is one that was already
     * deleted (a finalizer racing Context.Dispose). Forwarding would touch freed memory; dropping leaks nothing
     * because deleting the context released the object.
     */
    (void)dec;
    (void)obj;
}

EXPORT void Z3_enable_concurrent_dec_ref(void *ctx)
{
    pthread_mutex_lock(&lock);
    if (!is_deferred(ctx))
    {
        if (deferred_count == deferred_capacity)
        {
            size_t cap = deferred_capacity == 0 ? 16 : deferred_capacity * 2;
            void **grown = realloc(deferred_ctxs, cap * sizeof(void *));
            if (grown == NULL)
            {
                pthread_mutex_unlock(&lock);
                return;
            }
            deferred_ctxs = grown;
            deferred_capacity = cap;
        }
        deferred_ctxs[deferred_count++] = ctx;
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
    pthread_mutex_lock(&lock);
    size_t kept = 0;
    for (size_t i = 0; i < pending_count; i++)
    {
        if (pending[i].ctx != ctx) pending[kept++] = pending[i];
    }
    pending_count = kept;
    kept = 0;
    for (size_t i = 0; i < deferred_count; i++)
    {
        if (deferred_ctxs[i] != ctx) deferred_ctxs[kept++] = deferred_ctxs[i];
    }
    deferred_count = kept;
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
