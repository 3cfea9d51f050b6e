/* Helpers for the JSON writers of solve (see json_out.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/json_out.h"
#include "mechcheck/claim.h"

void cj_put(cj *c, json_t *obj, const char *key, json_t *value)
{
    if (!obj || !value || json_object_set_new(obj, key, value) != 0)
        c->oom = true;
}

void cj_push(cj *c, json_t *arr, json_t *value)
{
    if (!arr || !value || json_array_append_new(arr, value) != 0)
        c->oom = true;
}

json_t *cj_str(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20)
            *p = '?';
    j = json_string(copy);
    free(copy);
    return j;
}

json_t *cj_q(const mc_q *q)
{
    return mc_json_q(q);
}

json_t *cj_int(uint64_t k)
{
    return json_integer((json_int_t)k);
}

json_t *cj_obj(cj *c)
{
    json_t *o = json_object();
    if (!o)
        c->oom = true;
    return o;
}

json_t *cj_arr(cj *c)
{
    json_t *a = json_array();
    if (!a)
        c->oom = true;
    return a;
}

mc_status cj_write(cj *c, json_t *root, FILE *f, const char *path, mc_error *err)
{
    mc_status st = MC_OK;
    if (c->oom || !root)
        st = mc_error_set(err, MC_ENOMEM, "%s: out of memory building JSON", path);
    else if (json_dumpf(root, f, JSON_INDENT(2)) != 0 || fputc('\n', f) == EOF || ferror(f))
        st = mc_error_set(err, MC_EIO, "writing the result: %s", strerror(errno));
    json_decref(root);
    return st;
}
