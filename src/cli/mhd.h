/* mhd.h - libmicrohttpd for 'minutes serve', loaded when a server starts (mhd.c). Linked into
 * the program, it and the ten libraries it brings (TLS among them) were loaded by every
 * command, a third of a search's start-up. The functions serve.c uses, by their names in
 * lower case; call them only after mhd_load() succeeded. */
#ifndef MINUTES_MHD_H
#define MINUTES_MHD_H

#include <microhttpd.h>

/* Load the library: 1, or 0 with the reason in `why` (`size` bytes). */
int mhd_load(char *why, size_t size);

struct MHD_Daemon *mhd_start_daemon(unsigned int flags, uint16_t port,
                                    MHD_AcceptPolicyCallback apc, void *apc_cls,
                                    MHD_AccessHandlerCallback dh, void *dh_cls, ...);
void mhd_stop_daemon(struct MHD_Daemon *daemon);
int mhd_get_connection_values_n(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                                MHD_KeyValueIteratorN iterator, void *iterator_cls);
enum MHD_Result mhd_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response);
struct MHD_Response *mhd_create_response_from_buffer(size_t size, void *buffer,
                                                     enum MHD_ResponseMemoryMode mode);
void mhd_destroy_response(struct MHD_Response *response);
enum MHD_Result mhd_add_response_header(struct MHD_Response *response, const char *header,
                                        const char *content);

#endif /* MINUTES_MHD_H */
