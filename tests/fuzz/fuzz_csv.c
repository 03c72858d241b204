/* Fuzz target: observation CSV into a small plan (measures of the 14th FYP
 * table, one derived share), then an evaluation of the result.
 * All or nothing: a failed read must leave the plan's observations as they were. */
#include <string.h>

#include "fuzz.h"
#include "goals/goals.h"

static const char plan_xml[] =
    "<plan xmlns='urn:libgoals:plan:1' id='fuzz-csv'>"
    "<measure id='gdp-growth' unit='%'/>"
    "<measure id='urbanisation' unit='%'/>"
    "<measure id='rd-spending' unit='CNY' scale='1e8'/>"
    "<measure id='gdp' unit='CNY' scale='1e8'/>"
    "<measure id='rd-share' unit='%' derived='share' numerator='rd-spending' denominator='gdp'/>"
    "<measure id='城镇化率' unit='%'/>"
    "<measure id='event' frequency='event'/>"
    "<goal id='g'>"
    "<target id='t1' measure='gdp-growth' kind='average-growth' op='ge' value='5' start='2020' deadline='2025'/>"
    "<target id='t2' measure='urbanisation' kind='reach' op='ge' value='65' deadline='2025'>"
    "<baseline period='2020' value='63.89'/></target>"
    "<target id='t3' measure='rd-share' kind='maintain' op='ge' value='2' start='2021' deadline='2025'/>"
    "<target id='t4' measure='gdp' kind='cumulative' op='ge' value='500000' start='2021' deadline='2025'/>"
    "<target id='t5' measure='event' kind='milestone' deadline='2025'/>"
    "</goal>"
    "<observation measure='urbanisation' period='2019' value='60.6'/>"
    "</plan>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    goals_plan *plan = NULL;
    if (goals_plan_load_memory(&plan, plan_xml, sizeof plan_xml - 1, NULL) != GOALS_OK) {
        fprintf(stderr, "fuzz_csv: the harness plan does not load: %s\n", goals_error_last()->message);
        abort();
    }
    size_t before = goals_plan_observation_count(plan);
    unsigned flags = size && (data[size - 1] & 1) ? GOALS_OBS_REPLACE : 0;
    int rc = goals_plan_load_observations_memory(plan, data, size, "fuzz.csv", flags);
    if (rc != GOALS_OK) {
        FUZZ_CHECK(rc < 0 && goals_error_last()->code == rc);
        FUZZ_CHECK(goals_plan_observation_count(plan) == before);
    }
    int32_t as_of = 0;
    goals_date_from_ymd(&as_of, 2025, 12, 31);
    goals_evaluation *ev = NULL;
    if (goals_evaluate(&ev, plan, as_of, NULL) == GOALS_OK)
        FUZZ_CHECK(goals_evaluation_result_count(ev) == goals_plan_target_count(plan));
    goals_evaluation_free(ev);
    goals_plan_free(plan);
    return 0;
}
