/* mhd.c - libmicrohttpd loaded with dlopen when 'minutes serve' starts a server, so that no
 * other command loads it (see mhd.h). Its soname is the Debian package's, libmicrohttpd12. */
#include "mhd.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>

static struct {
    struct MHD_Daemon *(*start_daemon_va)(unsigned int, uint16_t, MHD_AcceptPolicyCallback,
                                          void *, MHD_AccessHandlerCallback, void *, va_list);
    void (*stop_daemon)(struct MHD_Daemon *);
    int (*get_connection_values_n)(struct MHD_Connection *, enum MHD_ValueKind,
                                   MHD_KeyValueIteratorN, void *);
    enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int,
                                      struct MHD_Response *);
    struct MHD_Response *(*create_response_from_buffer)(size_t, void *,
                                                        enum MHD_ResponseMemoryMode);
    void (*destroy_response)(struct MHD_Response *);
    enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
} mhd;

/* A symbol of the library into *slot; 0 if it has none. */
static int
resolve(void *library, const char *name, void *slot)
{
    void *symbol = dlsym(library, name);
    *(void **)slot = symbol;
    return symbol != NULL;
}

int
mhd_load(char *why, size_t size)
{
    void *library = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
    if (!library)
        library = dlopen("libmicrohttpd.so", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(why, size, "cannot load libmicrohttpd (install libmicrohttpd12): %s", dlerror());
        return 0;
    }
    if (!resolve(library, "MHD_start_daemon_va", &mhd.start_daemon_va) ||
        !resolve(library, "MHD_stop_daemon", &mhd.stop_daemon) ||
        !resolve(library, "MHD_get_connection_values_n", &mhd.get_connection_values_n) ||
        !resolve(library, "MHD_queue_response", &mhd.queue_response) ||
        !resolve(library, "MHD_create_response_from_buffer", &mhd.create_response_from_buffer) ||
        !resolve(library, "MHD_destroy_response", &mhd.destroy_response) ||
        !resolve(library, "MHD_add_response_header", &mhd.add_response_header)) {
        snprintf(why, size, "libmicrohttpd lacks a function minutes uses: %s", dlerror());
        dlclose(library);
        return 0;
    }
    return 1; /* kept loaded until the process ends */
}

struct MHD_Daemon *
mhd_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc, void *apc_cls,
                 MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *daemon = mhd.start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return daemon;
}

void
mhd_stop_daemon(struct MHD_Daemon *daemon)
{
    mhd.stop_daemon(daemon);
}

int
mhd_get_connection_values_n(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                            MHD_KeyValueIteratorN iterator, void *iterator_cls)
{
    return mhd.get_connection_values_n(connection, kind, iterator, iterator_cls);
}

enum MHD_Result
mhd_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                   struct MHD_Response *response)
{
    return mhd.queue_response(connection, status_code, response);
}

struct MHD_Response *
mhd_create_response_from_buffer(size_t size, void *buffer, enum MHD_ResponseMemoryMode mode)
{
    return mhd.create_response_from_buffer(size, buffer, mode);
}

void
mhd_destroy_response(struct MHD_Response *response)
{
    mhd.destroy_response(response);
}

enum MHD_Result
mhd_add_response_header(struct MHD_Response *response, const char *header, const char *content)
{
    return mhd.add_response_header(response, header, content);
}
