/*
 * goals_lua.i: the Lua module goals.core (luaopen_goals_core), built for
 * Lua 5.4 and 5.3 from the same generated C.
 *
 * The wrapping of the C API is the language-neutral ../goals.i; this file
 * gives its named typemaps their Lua meaning and adds the error value.
 * goals.core is raw: its goal, measure, target and result handles are bare
 * pointers that do not keep their plan alive. The idiomatic module goals.lua
 * wraps them in objects that do; use that one.
 *
 * Errors: a failing call raises a goals.Error table {code, kind, message,
 * file, line, column} whose tostring is "FILE:LINE:COL: message" (or the
 * message alone when no document is at fault). Its metatable is
 * goals.core.Error (also the registry's "goals.Error").
 */
%module goals_core

/* `end` is a Lua keyword: SWIG would call the field c_end. */
%rename(end_) goals_period::end;

%{
#include <lauxlib.h>
#include <goals/goals.h>

#define GOALS_LUA_ERROR_MT "goals.Error"

/* tostring(err): FILE:LINE:COL: message; FILE: message when the line is
 * unknown; the message alone without a file (as goals_error_format()). */
static int goals_lua_error_tostring(lua_State *L)
{
    const char *message, *file;
    lua_Integer line, column;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_getfield(L, 1, "message");
    lua_getfield(L, 1, "file");
    lua_getfield(L, 1, "line");
    lua_getfield(L, 1, "column");
    message = lua_tostring(L, -4);
    file = lua_tostring(L, -3);
    line = lua_tointeger(L, -2);
    column = lua_tointeger(L, -1);
    if (message == NULL)
        message = "error";
    if (file != NULL && line > 0)
        lua_pushfstring(L, "%s:%I:%I: %s", file, line, column, message);
    else if (file != NULL)
        lua_pushfstring(L, "%s: %s", file, message);
    else
        lua_pushstring(L, message);
    return 1;
}

/* Pushes the metatable of error values, making it on first use. */
static void goals_lua_error_mt(lua_State *L)
{
    if (luaL_newmetatable(L, GOALS_LUA_ERROR_MT)) {
        lua_pushcfunction(L, goals_lua_error_tostring);
        lua_setfield(L, -2, "__tostring");
        /* Methods and fields a user may look up through the metatable. */
        lua_pushvalue(L, -1);
        lua_setfield(L, -2, "__index");
    }
}

/* Pushes an error value for status code: the thread's last error when it
 * describes this failure (it always should), else the code's description. */
static void goals_lua_push_error(lua_State *L, int code)
{
    const goals_error *e = goals_error_last();
    int own = e->code == code && e->message != NULL && e->message[0] != '\0';
    lua_createtable(L, 0, 6);
    lua_pushinteger(L, code);
    lua_setfield(L, -2, "code");
    lua_pushstring(L, goals_strerror(code));
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, own ? e->message : goals_strerror(code));
    lua_setfield(L, -2, "message");
    if (own && e->file != NULL) {
        lua_pushstring(L, e->file);
        lua_setfield(L, -2, "file");
    }
    lua_pushinteger(L, own ? (lua_Integer)e->line : 0);
    lua_setfield(L, -2, "line");
    lua_pushinteger(L, own ? (lua_Integer)e->column : 0);
    lua_setfield(L, -2, "column");
    goals_lua_error_mt(L);
    lua_setmetatable(L, -2);
}
%}

%init %{
    /* The module table is on top of the stack: expose the error metatable. */
    goals_lua_error_mt(L);
    lua_setfield(L, -2, "Error");
%}

/* ---- The named typemaps of goals.i, for Lua ------------------------------- */

/* A failing status raises a goals.Error; success returns nothing. SWIG_fail
 * reaches the wrapper's lua_error(L) with the error value on top. */
%typemap(out, noblock=1) int GOALS_STATUS {
    if ($1 < 0) {
        goals_lua_push_error(L, $1);
        SWIG_fail;
    }
}

/* Owned out handles: the proxy frees the object when collected. */
%typemap(in, numinputs=0, noblock=1) SWIGTYPE **GOALS_OWNED_OUT ($*1_ltype temp = NULL) {
    $1 = &temp;
}
%typemap(argout, noblock=1) SWIGTYPE **GOALS_OWNED_OUT {
    SWIG_NewPointerObj(L, *$1, $*1_descriptor, 1); SWIG_arg++;
}

/* Borrowed out handles: bare pointers. */
%typemap(in, numinputs=0, noblock=1) SWIGTYPE **GOALS_BORROWED_OUT ($*1_ltype temp = NULL) {
    $1 = &temp;
}
%typemap(argout, noblock=1) SWIGTYPE **GOALS_BORROWED_OUT {
    if (*$1) SWIG_NewPointerObj(L, *$1, $*1_descriptor, 0); else lua_pushnil(L);
    SWIG_arg++;
}

/* Out strings: a Lua string, or nil. */
%typemap(in, numinputs=0, noblock=1) const char **GOALS_STR_OUT (const char *temp = NULL) {
    $1 = ($1_ltype)&temp;
}
%typemap(argout, noblock=1) const char **GOALS_STR_OUT {
    if (*$1) lua_pushstring(L, *$1); else lua_pushnil(L);
    SWIG_arg++;
}

/* Bytes the library allocated: a Lua string, then freed. */
%typemap(in, numinputs=0, noblock=1) (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN)
    (char *tbytes = NULL, size_t tlen = 0) {
    $1 = &tbytes;
    $2 = &tlen;
}
%typemap(argout, noblock=1) (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN) {
    lua_pushlstring(L, *$1 ? *$1 : "", *$2); SWIG_arg++;
}
%typemap(freearg, noblock=1) (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN) {
    goals_free(*$1);
}

/* Bytes in: a Lua string with its length (may hold NUL bytes). */
%typemap(in, noblock=1) (const char *GOALS_BYTES_IN, size_t GOALS_BYTES_IN_LEN) {
    $1 = ($1_ltype)luaL_checklstring(L, $input, &$2);
}

%include "../goals.i"
