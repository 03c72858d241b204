/**
 * @file goals.h
 * @brief libgoals: goals, measures, targets and deadlines; load, evaluate, save.
 *
 * Include this one header to get the whole public API.
 */
#ifndef GOALS_H
#define GOALS_H

#include "common.h"
#include "version.h"
#include "error.h"
#include "period.h"
#include "unit.h"
#include "plan.h"
#include "goal.h"
#include "measure.h"
#include "target.h"
#include "observation.h"
#include "io.h"
#include "evaluate.h"

#endif /* GOALS_H */
