#include "goals/version.h"

int goals_version(void)
{
    return GOALS_VERSION_NUMBER;
}

const char *goals_version_string(void)
{
    return GOALS_VERSION_STRING;
}
