/* The keywords of kinds, comparators and attributes (the file format's words). */
#include <string.h>

#include "model.h"
#include "util/error.h"

static const char *const kind_names[] = {
    NULL, "reach", "cumulative", "change", "average-growth", "relative",
    "maintain", "streak", "milestone", "rank", "qualitative"};
static const char *const op_names[] = {"", "ge", "gt", "le", "lt", "eq", "between", "increase", "decrease"};
static const char *const attribute_names[] = {"", "binding", "expected", "stretch"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int lookup(const char *const *names, size_t n, size_t first, const char *name)
{
    if (!name)
        return -1;
    for (size_t i = first; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    return -1;
}

const char *goals_target_kind_name(goals_target_kind kind)
{
    return (unsigned)kind < COUNT(kind_names) ? kind_names[kind] : NULL;
}

int goals_target_kind_parse(goals_target_kind *out, const char *name)
{
    int i = lookup(kind_names, COUNT(kind_names), 1, name);
    if (i < 0)
        return goals__error(GOALS_EINVAL, "unknown target kind '%s'", name ? name : "(null)");
    *out = (goals_target_kind)i;
    return GOALS_OK;
}

const char *goals_op_name(goals_op op)
{
    return (unsigned)op < COUNT(op_names) ? op_names[op] : NULL;
}

int goals_op_parse(goals_op *out, const char *name)
{
    int i = lookup(op_names, COUNT(op_names), 1, name);
    if (i < 0)
        return goals__error(GOALS_EINVAL, "unknown comparator '%s'", name ? name : "(null)");
    *out = (goals_op)i;
    return GOALS_OK;
}

const char *goals_attribute_name(goals_attribute attribute)
{
    return (unsigned)attribute < COUNT(attribute_names) ? attribute_names[attribute] : NULL;
}

int goals_attribute_parse(goals_attribute *out, const char *name)
{
    int i = lookup(attribute_names, COUNT(attribute_names), 1, name);
    if (i < 0)
        return goals__error(GOALS_EINVAL, "unknown attribute '%s'", name ? name : "(null)");
    *out = (goals_attribute)i;
    return GOALS_OK;
}
