/*
 * apimig shim: turns a tree-sitter tree into a flat, pre-order array of plain records in one call.
 *
 * Why: walking a tree node by node from C# costs one P/Invoke transition per step (and TSNode is a
 * 32-byte struct passed by value each time). Copying the whole tree out in one call keeps the managed
 * side a cheap, immutable array view and lets the native tree be freed right after parsing, so no
 * native memory outlives a parse.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* The tree-sitter core (its own one-file build, lib.c) is compiled in this translation unit, not beside it, so the
   flatten's calls of ts_node_* and ts_tree_cursor_* (several per node) can be inlined: the flatten is the managed
   tree's main cost over the raw parse. build.sh therefore does not compile lib.c separately. */
#include "lib.c"
#include "tree_sitter/api.h"

const TSLanguage *tree_sitter_python(void);

/* Rows and columns are not copied: the managed side derives them from byte offsets with its own line
   map (which also treats a lone \r as a line break, as Python does), so the walk skips two point
   computations per node. A record is 24 bytes: the Python grammar has fewer than 256 fields and five flags
   fit one byte; a dense file has about one node per byte, so each byte here is a byte per source byte. */
typedef struct {
  uint32_t start_byte, end_byte;
  int32_t parent, next_sibling;
  uint32_t child_count;
  uint16_t symbol;
  uint8_t field, flags;
} ApimigNode;

enum { F_NAMED = 1, F_MISSING = 2, F_EXTRA = 4, F_ERROR = 8, F_HAS_ERROR = 16 };

const TSLanguage *apimig_language(void) { return tree_sitter_python(); }

TSParser *apimig_parser_new(void) {
  TSParser *p = ts_parser_new();
  if (p && !ts_parser_set_language(p, tree_sitter_python())) { ts_parser_delete(p); return NULL; }
  return p;
}

void apimig_parser_delete(TSParser *p) { ts_parser_delete(p); }

TSTree *apimig_parse(TSParser *p, const char *bytes, uint32_t length) {
  ts_parser_reset(p);
  return ts_parser_parse_string_encoding(p, NULL, bytes, length, TSInputEncodingUTF8);
}

void apimig_tree_delete(TSTree *t) { ts_tree_delete(t); }

uint32_t apimig_node_count(TSTree *t) { return ts_node_descendant_count(ts_tree_root_node(t)); }

static void write_node(ApimigNode *o, TSNode n, int32_t parent, uint8_t field) {
  o->start_byte = ts_node_start_byte(n);
  o->end_byte = ts_node_end_byte(n);
  o->parent = parent; o->next_sibling = -1; o->child_count = 0;
  o->symbol = ts_node_symbol(n); o->field = field;
  uint8_t f = 0;
  if (ts_node_is_named(n)) f |= F_NAMED;
  if (ts_node_is_missing(n)) f |= F_MISSING;
  if (ts_node_is_extra(n)) f |= F_EXTRA;
  if (ts_node_is_error(n)) f |= F_ERROR;
  if (ts_node_has_error(n)) f |= F_HAS_ERROR;
  o->flags = f;
}

/* Pre-order walk. Returns the number of records written, or 0 if capacity is too small or memory ran out. */
uint32_t apimig_flatten(TSTree *t, ApimigNode *out, uint32_t capacity) {
  TSNode root = ts_tree_root_node(t);
  if (capacity < ts_node_descendant_count(root)) return 0;
  uint32_t cap = 256, depth = 0, n = 0;
  int32_t *parents = malloc(cap * sizeof(int32_t)), *prev = malloc(cap * sizeof(int32_t));
  if (!parents || !prev) { free(parents); free(prev); return 0; }
  TSTreeCursor c = ts_tree_cursor_new(root);
  write_node(&out[n], root, -1, 0);
  parents[0] = (int32_t)n; prev[0] = -1; n++;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&c)) {
      depth++;
      if (depth >= cap) {
        cap *= 2;
        int32_t *np = realloc(parents, cap * sizeof(int32_t)), *pp = realloc(prev, cap * sizeof(int32_t));
        if (!np || !pp) { free(np ? np : parents); free(pp ? pp : prev); ts_tree_cursor_delete(&c); return 0; }
        parents = np; prev = pp;
      }
    } else {
      for (;;) {
        if (ts_tree_cursor_goto_next_sibling(&c)) break;
        if (!ts_tree_cursor_goto_parent(&c)) goto done;
        depth--;
      }
    }
    /* The cursor is on a node at `depth` whose parent is parents[depth-1]. After goto_first_child
       prev[depth] is stale from an earlier subtree, so reset it. */
    int32_t parent = parents[depth - 1];
    if (out[parent].child_count == 0) prev[depth] = -1;
    write_node(&out[n], ts_tree_cursor_current_node(&c), parent, (uint8_t)ts_tree_cursor_current_field_id(&c));
    if (prev[depth] >= 0) out[prev[depth]].next_sibling = (int32_t)n;
    out[parent].child_count++;
    prev[depth] = (int32_t)n; parents[depth] = (int32_t)n;
    n++;
  }
done:
  ts_tree_cursor_delete(&c);
  free(parents); free(prev);
  return n;
}

/* File-system facts .NET does not expose: the type of a path without following a final symlink (so a
   FIFO is skipped without being opened), its owner (so a rewrite run as root can hand the new file back
   to its owner), and whether a descriptor is open (a closed standard input must not block). */
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>

enum { K_REGULAR = 0, K_DIRECTORY = 1, K_SYMLINK = 2, K_OTHER = 3 };

int32_t apimig_lstat(const char *path, uint32_t *kind, uint32_t *uid, uint32_t *gid) {
  struct stat st;
  if (lstat(path, &st) != 0) return errno ? errno : -1;
  *kind = S_ISREG(st.st_mode) ? K_REGULAR : S_ISDIR(st.st_mode) ? K_DIRECTORY : S_ISLNK(st.st_mode) ? K_SYMLINK : K_OTHER;
  *uid = st.st_uid;
  *gid = st.st_gid;
  return 0;
}

int32_t apimig_fd_is_open(int32_t fd) {
  struct stat st;
  return fstat(fd, &st) == 0 ? 1 : 0;
}

int32_t apimig_chown(const char *path, uint32_t uid, uint32_t gid) {
  return chown(path, uid, gid) == 0 ? 0 : (errno ? errno : -1);
}

uint32_t apimig_euid(void) { return (uint32_t)geteuid(); }
