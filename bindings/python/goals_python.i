/*
 * goals_python.i: the Python extension goals._core (with its SWIG proxy
 * goals._swig). Defines the Python side of
 * the named typemaps that bindings/goals.i uses, releases the GIL around the
 * long calls, and adds the bulk helpers the pure-Python package needs
 * (observations in and out, evaluation results out) so that one call moves
 * a whole column. The idiomatic API is the package `goals` (goals/*.py);
 * this module is its private engine.
 */
%module(package="goals", threads="1",
        docstring="Low-level SWIG wrapper of the libgoals C API (proxy of the extension goals._core). Use the package `goals` instead.") _swig

%feature("autodoc", "1");

/* Only the calls marked GOALS_BLOCKING release the GIL: the others are
 * quick, and keeping the GIL there keeps them atomic for Python threads. */
%nothread;
#define GOALS_BLOCKING_DEFINED
%define GOALS_BLOCKING(name)
%thread name;
%enddef

%{
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>
#include <math.h>
#include <stdio.h>
#include <goals/goals.h>

/* goals._errors._from_c, looked up once (the module lives as long as the interpreter). */
static PyObject *goals_py_error_factory = NULL;

/* Raises the goals.GoalsError subclass of code, with the message, file,
 * line and column of goals_error_last() when it describes this failure, or
 * with msg (and no position) when msg is given. Always returns NULL. */
static PyObject *goals_py_raise_msg(int code, const char *msg)
{
    const goals_error *e = goals_error_last();
    const char *file = NULL;
    unsigned long line = 0, column = 0;
    PyObject *pmsg, *pfile, *exc;

    if (!msg) {
        if (e->code == code && e->message && *e->message) {
            msg = e->message;
            file = e->file;
            line = e->line;
            column = e->column;
        } else {
            msg = goals_strerror(code);
        }
    }
    if (!goals_py_error_factory) {
        PyObject *mod = PyImport_ImportModule("goals._errors");
        if (!mod)
            return NULL;
        goals_py_error_factory = PyObject_GetAttrString(mod, "_from_c");
        Py_DECREF(mod);
        if (!goals_py_error_factory)
            return NULL;
    }
    pmsg = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
    if (!pmsg)
        return NULL;
    if (file) {
        pfile = PyUnicode_DecodeFSDefault(file);
        if (!pfile) {
            Py_DECREF(pmsg);
            return NULL;
        }
    } else {
        pfile = Py_None;
        Py_INCREF(pfile);
    }
    exc = PyObject_CallFunction(goals_py_error_factory, "iOOkk", code, pmsg, pfile, line, column);
    Py_DECREF(pmsg);
    Py_DECREF(pfile);
    if (!exc)
        return NULL;
    PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_DECREF(exc);
    return NULL;
}

static PyObject *goals_py_raise(int code)
{
    return goals_py_raise_msg(code, NULL);
}

/* Raises with a message made by snprintf (the format stays a literal, checked). */
#define GOALS_PY_RAISEF(code, ...) do { \
        char goals_py_buf_[512]; \
        snprintf(goals_py_buf_, sizeof goals_py_buf_, __VA_ARGS__); \
        goals_py_raise_msg((code), goals_py_buf_); \
    } while (0)
%}

%init %{
    PyDateTime_IMPORT;
%}

/* ---- The named typemaps of goals.i, for Python ---------------------------- */
%typemap(out, noblock=1) int GOALS_STATUS {
    if ($1 < 0) {
        goals_py_raise($1);
        SWIG_fail;
    }
    $result = SWIG_Py_Void();
}

%typemap(in, numinputs=0, noblock=1) SWIGTYPE **GOALS_OWNED_OUT ($*1_ltype temp = NULL) {
    $1 = &temp;
}
%typemap(argout, noblock=1) SWIGTYPE **GOALS_OWNED_OUT {
    %append_output(SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, SWIG_POINTER_OWN));
}

%typemap(in, numinputs=0, noblock=1) SWIGTYPE **GOALS_BORROWED_OUT ($*1_ltype temp = NULL) {
    $1 = &temp;
}
%typemap(argout, noblock=1) SWIGTYPE **GOALS_BORROWED_OUT {
    %append_output(SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, 0));
}

%typemap(in, numinputs=0, noblock=1) const char **GOALS_STR_OUT (const char *temp = NULL) {
    $1 = ($1_ltype)&temp;
}
%typemap(argout, noblock=1) const char **GOALS_STR_OUT {
    %append_output(*$1 ? SWIG_FromCharPtr(*$1) : SWIG_Py_Void());
}

/* Bytes in: anything with the buffer protocol (bytes, bytearray, memoryview,
 * mmap), or str (as UTF-8). The buffer is held until the call returns, so it
 * cannot change while the GIL is released. */
%typemap(in, noblock=1) (const char *GOALS_BYTES_IN, size_t GOALS_BYTES_IN_LEN) (Py_buffer view, int got = 0) {
    if (PyUnicode_Check($input)) {
        Py_ssize_t ulen = 0;
        $1 = ($1_ltype)PyUnicode_AsUTF8AndSize($input, &ulen);
        if (!$1)
            SWIG_fail;
        $2 = (size_t)ulen;
    } else {
        if (PyObject_GetBuffer($input, &view, PyBUF_C_CONTIGUOUS) < 0)
            SWIG_fail;
        got = 1;
        $1 = ($1_ltype)view.buf;
        $2 = (size_t)view.len;
    }
}
%typemap(freearg, noblock=1) (const char *GOALS_BYTES_IN, size_t GOALS_BYTES_IN_LEN) {
    if (got$argnum)
        PyBuffer_Release(&view$argnum);
}

%typemap(in, numinputs=0, noblock=1) (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN)
    (char *tbytes = NULL, size_t tlen = 0) {
    $1 = &tbytes;
    $2 = &tlen;
}
%typemap(argout, noblock=1) (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN) {
    %append_output(PyBytes_FromStringAndSize(*$1 ? *$1 : "", (Py_ssize_t)*$2));
}
%typemap(freearg, noblock=1) (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN) {
    goals_free(tbytes$argnum);
}

%include "../goals.i"

/* ---- Bulk helpers (Python only) ------------------------------------------- */
%{
/* One period from str (period text), int (a year), datetime.date (a day) or
 * anything whose str() is period text (goals.Period). */
static int goals_py_period(PyObject *o, goals_period *out, Py_ssize_t index)
{
    PyObject *text = NULL;
    const char *s;
    int rc;

    if (PyBool_Check(o) || PyFloat_Check(o) || o == Py_None) {
        GOALS_PY_RAISEF(GOALS_EPERIOD, "periods[%lld]: not a period (give text such as 2026 or 2026-Q3, "
                        "an int year or a datetime.date)", (long long)index);
        return -1;
    }
    if (PyDate_Check(o)) {
        int32_t day;
        if (goals_date_from_ymd(&day, PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o),
                                PyDateTime_GET_DAY(o)) < 0) {
            goals_py_raise(GOALS_EPERIOD);
            return -1;
        }
        out->start = out->end = day;
        out->kind = GOALS_PERIOD_DAY;
        return 0;
    }
    if (PyIndex_Check(o)) {
        PyObject *n = PyNumber_Index(o);
        long year;
        int32_t first, last;
        if (!n)
            return -1;
        year = PyLong_AsLong(n);
        Py_DECREF(n);
        if (year == -1 && PyErr_Occurred())
            return -1;
        if (year < 1 || year > 9999 || goals_date_from_ymd(&first, (int)year, 1, 1) < 0
            || goals_date_from_ymd(&last, (int)year, 12, 31) < 0) {
            GOALS_PY_RAISEF(GOALS_EPERIOD, "periods[%lld]: year %ld out of range 1..9999", (long long)index, year);
            return -1;
        }
        out->start = first;
        out->end = last;
        out->kind = GOALS_PERIOD_YEAR;
        return 0;
    }
    if (PyUnicode_Check(o)) {
        text = o;
        Py_INCREF(text);
    } else {
        text = PyObject_Str(o);
        if (!text)
            return -1;
    }
    s = PyUnicode_AsUTF8(text);
    if (!s) {
        Py_DECREF(text);
        return -1;
    }
    rc = goals_period_parse(out, s);
    Py_DECREF(text);
    if (rc < 0) {
        char msg[400];
        snprintf(msg, sizeof msg, "periods[%lld]: %s", (long long)index, goals_error_last()->message);
        goals_py_raise_msg(rc, msg);
        return -1;
    }
    return 0;
}

/* The values as doubles: a contiguous float64 buffer is copied at once, any
 * other sequence is read item by item (ints, numpy scalars, Decimals …). */
static int goals_py_values(PyObject *values, double *out, Py_ssize_t n)
{
    PyObject *seq;
    Py_ssize_t i;

    if (PyObject_CheckBuffer(values)) {
        Py_buffer view;
        if (PyObject_GetBuffer(values, &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) == 0) {
            int ok = view.ndim == 1 && view.itemsize == (Py_ssize_t)sizeof(double) && view.format
                     && (strcmp(view.format, "d") == 0 || strcmp(view.format, "<d") == 0
                         || strcmp(view.format, "=d") == 0);
            if (ok && view.len / view.itemsize == n)
                memcpy(out, view.buf, (size_t)n * sizeof(double));
            PyBuffer_Release(&view);
            if (ok && view.len / view.itemsize == n)
                return 0;
        } else {
            PyErr_Clear();
        }
    }
    seq = PySequence_Fast(values, "values must be a sequence of numbers");
    if (!seq)
        return -1;
    if (PySequence_Fast_GET_SIZE(seq) != n) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "periods and values differ in length");
        return -1;
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        double v;
        if (item == Py_None) {
            Py_DECREF(seq);
            GOALS_PY_RAISEF(GOALS_ERANGE, "values[%lld]: None is not a number", (long long)i);
            return -1;
        }
        v = PyFloat_AsDouble(item);
        if (v == -1.0 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        out[i] = v;
    }
    Py_DECREF(seq);
    return 0;
}

static int goals_py_period_cmp(const void *a, const void *b)
{
    return goals_period_compare((const goals_period *)a, (const goals_period *)b);
}

static PyObject *goals_py_str(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}
%}

%inline %{
/**
 * Adds observations of one measure in one call: periods (period text, int
 * years, datetime.date, goals.Period) and values (numbers, a float64 array),
 * with optional sources (None or a sequence of str or None). All or nothing.
 * With check_only, only checks that the add would succeed (derived measure,
 * bad periods or values, duplicates within the call or with the plan) and
 * adds nothing.
 */
PyObject *goals_py_add_observations(goals_measure *measure, PyObject *periods, PyObject *values,
                                    PyObject *sources, unsigned flags, int check_only)
{
    PyObject *pseq = NULL, *sseq = NULL, *result = NULL;
    goals_period *ps = NULL;
    double *vs = NULL;
    goals_observation_input *in = NULL;
    Py_ssize_t n, i;
    int rc;

    if (!measure) {
        PyErr_SetString(PyExc_ValueError, "no measure");
        return NULL;
    }
    pseq = PySequence_Fast(periods, "periods must be a sequence");
    if (!pseq)
        return NULL;
    n = PySequence_Fast_GET_SIZE(pseq);
    if (PyObject_Length(values) != n) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "periods and values differ in length");
        goto done;
    }
    if (sources != Py_None) {
        sseq = PySequence_Fast(sources, "sources must be a sequence of str or None");
        if (!sseq)
            goto done;
        if (PySequence_Fast_GET_SIZE(sseq) != n) {
            PyErr_SetString(PyExc_ValueError, "periods and sources differ in length");
            goto done;
        }
    }
    ps = (goals_period *)PyMem_Malloc((size_t)(n ? n : 1) * sizeof *ps);
    vs = (double *)PyMem_Malloc((size_t)(n ? n : 1) * sizeof *vs);
    if (!ps || !vs) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++)
        if (goals_py_period(PySequence_Fast_GET_ITEM(pseq, i), &ps[i], i) < 0)
            goto done;
    if (goals_py_values(values, vs, n) < 0)
        goto done;

    if (check_only) {
        if (goals_measure_derivation(measure) != GOALS_DERIVED_NONE) {
            char msg[300];
            snprintf(msg, sizeof msg, "measure '%s' is derived: observations cannot be added to it",
                     goals_measure_id(measure));
            goals_py_raise_msg(GOALS_EINVAL, msg);
            goto done;
        }
        for (i = 0; i < n; i++) {
            if (!isfinite(vs[i])) {
                GOALS_PY_RAISEF(GOALS_ERANGE, "values[%lld]: not a finite number (measure '%s')", (long long)i,
                                goals_measure_id(measure));
                goto done;
            }
            if (!(flags & GOALS_OBS_REPLACE) && goals_measure_find_observation(measure, &ps[i])) {
                GOALS_PY_RAISEF(GOALS_EEXISTS, "periods[%lld]: measure '%s' already has a value for that period",
                                (long long)i, goals_measure_id(measure));
                goto done;
            }
        }
        if (n > 1 && !(flags & GOALS_OBS_REPLACE)) {
            goals_period *sorted = (goals_period *)PyMem_Malloc((size_t)n * sizeof *sorted);
            int dup = 0;
            if (!sorted) {
                PyErr_NoMemory();
                goto done;
            }
            memcpy(sorted, ps, (size_t)n * sizeof *sorted);
            qsort(sorted, (size_t)n, sizeof *sorted, goals_py_period_cmp);
            for (i = 1; i < n && !dup; i++)
                dup = sorted[i].start == sorted[i - 1].start && sorted[i].end == sorted[i - 1].end;
            PyMem_Free(sorted);
            if (dup) {
                char msg[300];
                snprintf(msg, sizeof msg, "measure '%s': the same period is given twice", goals_measure_id(measure));
                goals_py_raise_msg(GOALS_EEXISTS, msg);
                goto done;
            }
        }
        result = SWIG_Py_Void();
        goto done;
    }

    if (sseq) {
        in = (goals_observation_input *)PyMem_Malloc((size_t)(n ? n : 1) * sizeof *in);
        if (!in) {
            PyErr_NoMemory();
            goto done;
        }
        for (i = 0; i < n; i++) {
            goals_observation_input init = GOALS_OBSERVATION_INPUT_INIT;
            PyObject *s = PySequence_Fast_GET_ITEM(sseq, i);
            in[i] = init;
            in[i].period = ps[i];
            in[i].value = vs[i];
            in[i].flags = flags;
            if (PyUnicode_Check(s)) {
                in[i].source = PyUnicode_AsUTF8(s);
                if (!in[i].source)
                    goto done;
            } else if (s != Py_None && !(PyFloat_Check(s) && isnan(PyFloat_AsDouble(s)))) {
                PyErr_Format(PyExc_TypeError, "sources[%zd] must be str or None", i);
                goto done;
            }
        }
        rc = goals_measure_add_observations_ex(measure, in, (size_t)n);
    } else {
        rc = goals_measure_add_observations(measure, (size_t)n, ps, vs, flags);
    }
    if (rc < 0) {
        goals_py_raise(rc);
        goto done;
    }
    result = SWIG_Py_Void();
done:
    PyMem_Free(in);
    PyMem_Free(ps);
    PyMem_Free(vs);
    Py_XDECREF(sseq);
    Py_XDECREF(pseq);
    return result;
}

/**
 * Every observation of a measure, in period order, as tuples
 * (start, end, kind, value, text, source, note, dimensions, file, line);
 * dimensions is a tuple of (name, value) pairs, empty for a total.
 */
PyObject *goals_py_observations(const goals_measure *measure)
{
    size_t n = goals_measure_observation_count(measure), i, j;
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (!list)
        return NULL;
    for (i = 0; i < n; i++) {
        const goals_observation *o = goals_measure_observation_at(measure, i);
        goals_period p = goals_observation_period(o);
        size_t nd = goals_observation_dimension_count(o);
        const char *file = NULL;
        unsigned long line = 0;
        PyObject *dims = PyTuple_New((Py_ssize_t)nd), *t;
        if (!dims)
            goto fail;
        for (j = 0; j < nd; j++) {
            const char *value = NULL;
            const char *name = goals_observation_dimension_at(o, j, &value);
            PyObject *pair = Py_BuildValue("(NN)", goals_py_str(name), goals_py_str(value));
            if (!pair) {
                Py_DECREF(dims);
                goto fail;
            }
            PyTuple_SET_ITEM(dims, (Py_ssize_t)j, pair);
        }
        goals_observation_origin(o, &file, &line);
        t = Py_BuildValue("(iiidNNNNNk)", (int)p.start, (int)p.end, (int)p.kind, goals_observation_value(o),
                          goals_py_str(goals_observation_text(o)), goals_py_str(goals_observation_source(o)),
                          goals_py_str(goals_observation_note(o)), dims, goals_py_str(file), line);
        if (!t)
            goto fail;
        PyList_SET_ITEM(list, (Py_ssize_t)i, t);
    }
    return list;
fail:
    Py_DECREF(list);
    return NULL;
}

/**
 * Every result of an evaluation, in plan order, as tuples (target id,
 * status, violation, latest, baseline, progress, required rate, actual rate,
 * projected, days left, method, assessment value, assessment category, note);
 * latest is None or (start, end, kind, value), baseline None or
 * (start, end, kind, value, observed).
 */
PyObject *goals_py_results(const goals_evaluation *ev)
{
    size_t n = goals_evaluation_result_count(ev), i;
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (!list)
        return NULL;
    for (i = 0; i < n; i++) {
        const goals_result *r = goals_evaluation_result_at(ev, i);
        goals_period p;
        double v;
        int observed = 0;
        PyObject *latest, *base, *t;
        if (goals_result_latest(r, &p, &v)) {
            latest = Py_BuildValue("(iiid)", (int)p.start, (int)p.end, (int)p.kind, v);
        } else {
            latest = Py_None;
            Py_INCREF(latest);
        }
        if (!latest)
            goto fail;
        if (goals_result_baseline(r, &p, &v, &observed)) {
            base = Py_BuildValue("(iiidO)", (int)p.start, (int)p.end, (int)p.kind, v,
                                 observed ? Py_True : Py_False);
        } else {
            base = Py_None;
            Py_INCREF(base);
        }
        if (!base) {
            Py_DECREF(latest);
            goto fail;
        }
        t = Py_BuildValue("(NiONNddddLNdNN)", goals_py_str(goals_target_id(goals_result_target(r))),
                          (int)goals_result_status(r), goals_result_violation(r) ? Py_True : Py_False,
                          latest, base, goals_result_progress(r), goals_result_required_rate(r),
                          goals_result_actual_rate(r), goals_result_projected(r),
                          (long long)goals_result_days_left(r), goals_py_str(goals_result_method(r)),
                          goals_result_assessment_value(r),
                          goals_py_str(goals_result_assessment_category(r)),
                          goals_py_str(goals_result_note(r)));
        if (!t)
            goto fail;
        PyList_SET_ITEM(list, (Py_ssize_t)i, t);
    }
    return list;
fail:
    Py_DECREF(list);
    return NULL;
}
%}
