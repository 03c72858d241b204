/*
 * A small program over the installed libgoals: builds a plan through the API,
 * saves it, loads it back and prints its targets with their observations.
 *
 *   cc plan_demo.c $(pkg-config --cflags --libs libgoals) -o plan_demo
 *   ./plan_demo demo-plan.xml
 */
#include <goals/goals.h>

#include <stdio.h>

/* Prints the last error as FILE:LINE:COL: message and gives the exit code. */
static int fail(const char *what)
{
    char text[512];

    goals_error_format(text, sizeof text);
    fprintf(stderr, "plan_demo: %s: %s\n", what, text);
    return 1;
}

/* Builds: one measure in 亿元 (1e8 yuan), one goal, one target, two observations. */
static int build(goals_plan **out)
{
    goals_plan *plan = NULL;
    goals_measure *sales;
    goals_goal *trade;
    goals_target *target;
    goals_period deadline, year;
    const double observed[] = { 251.4, 276.9 };
    const char *years[] = { "2023", "2024" };

    if (goals_plan_new(&plan, "demo") != GOALS_OK)
        return fail("new plan");
    if (goals_plan_set_lang(plan, "en") != GOALS_OK
        || goals_plan_set_title(plan, NULL, "A small demo plan") != GOALS_OK
        || goals_plan_add_measure(&sales, plan, "retail-sales", "CNY", 1e8) != GOALS_OK
        || goals_measure_set_name(sales, NULL, "Total retail sales of consumer goods") != GOALS_OK
        || goals_plan_add_goal(&trade, plan, NULL, "trade", "priority") != GOALS_OK
        || goals_goal_set_title(trade, NULL, "Grow trade and logistics") != GOALS_OK
        || goals_goal_add_target(&target, trade, "trade.sales", GOALS_KIND_REACH, "retail-sales") != GOALS_OK
        /* Given in 万元 (1e4 yuan): stored as 320, in the measure's 亿元. */
        || goals_target_set_value(target, GOALS_OP_GT, 3200000, 0, "万元") != GOALS_OK
        || goals_period_parse(&deadline, "2026") != GOALS_OK
        || goals_target_set_deadline(target, &deadline) != GOALS_OK
        || goals_target_set_attribute(target, GOALS_ATTR_EXPECTED) != GOALS_OK) {
        goals_plan_free(plan);
        return fail("build plan");
    }
    for (size_t i = 0; i < 2; i++) {
        if (goals_period_parse(&year, years[i]) != GOALS_OK
            || goals_measure_add_observation(sales, &year, observed[i], "statistical bulletin") != GOALS_OK) {
            goals_plan_free(plan);
            return fail("add observation");
        }
    }
    *out = plan;
    return 0;
}

static void print(const goals_plan *plan)
{
    printf("plan %s: %s\n", goals_plan_id(plan), goals_plan_title(plan, NULL));
    printf("%zu measure(s), %zu goal(s), %zu target(s), %zu observation(s)\n",
           goals_plan_measure_count(plan), goals_plan_goal_count(plan),
           goals_plan_target_count(plan), goals_plan_observation_count(plan));
    for (size_t i = 0; i < goals_plan_target_count(plan); i++) {
        const goals_target *t = goals_plan_target_at(plan, i);
        const goals_measure *m = goals_target_measure(t);
        goals_period deadline;
        char when[GOALS_PERIOD_TEXT_MAX] = "-";

        if (goals_target_deadline(t, &deadline))
            goals_period_format(&deadline, when, sizeof when);
        printf("target %s (goal %s): %s %s %s %g by %s, %s\n", goals_target_id(t),
               goals_goal_id(goals_target_goal(t)), goals_target_kind_name(goals_target_kind_of(t)),
               goals_measure_id(m), goals_op_name(goals_target_op(t)), goals_target_value(t), when,
               goals_attribute_name(goals_target_attribute(t)));
        for (size_t k = 0; k < goals_measure_observation_count(m); k++) {
            const goals_observation *obs = goals_measure_observation_at(m, k);
            goals_period p = goals_observation_period(obs);
            char text[GOALS_PERIOD_TEXT_MAX];

            goals_period_format(&p, text, sizeof text);
            printf("  %s: %g (%s)\n", text, goals_observation_value(obs), goals_observation_source(obs));
        }
    }
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "demo-plan.xml";
    goals_plan *plan = NULL;
    goals_plan *loaded = NULL;
    int equal;

    printf("libgoals %s\n", goals_version_string());
    if (build(&plan) != 0)
        return 1;
    if (goals_plan_save_file(plan, path, NULL) != GOALS_OK) {
        goals_plan_free(plan);
        return fail("save");
    }
    if (goals_plan_load_file(&loaded, path, NULL) != GOALS_OK) {
        goals_plan_free(plan);
        return fail("load");
    }
    equal = goals_plan_equal(plan, loaded);
    print(loaded);
    printf("saved and loaded back: %s\n", equal ? "equal" : "DIFFERENT");
    goals_plan_free(loaded);
    goals_plan_free(plan);
    return equal ? 0 : 1;
}
