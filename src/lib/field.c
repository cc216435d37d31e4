/* field.c - the stable names of the fields a hit carries (JSON keys, TSV columns). */
#include "minutes.h"

static const struct {
    const char *name;
    int is_number;
} fields[MINUTES_FIELD_COUNT_] = {
    [MINUTES_FIELD_ID] = {"id", 0},
    [MINUTES_FIELD_PATH] = {"path", 0},
    [MINUTES_FIELD_PARAGRAPH] = {"paragraph", 1},
    [MINUTES_FIELD_LINE] = {"line", 1},
    [MINUTES_FIELD_LINE_END] = {"line_end", 1},
    [MINUTES_FIELD_OFFSET] = {"offset", 1},
    [MINUTES_FIELD_LENGTH] = {"length", 1},
    [MINUTES_FIELD_PAGE] = {"page", 1},
    [MINUTES_FIELD_COUNCIL] = {"council", 0},
    [MINUTES_FIELD_BOARD] = {"board", 0},
    [MINUTES_FIELD_BOARD_ID] = {"board_id", 0},
    [MINUTES_FIELD_DATE] = {"date", 0},
    [MINUTES_FIELD_DOC_TYPE] = {"doc_type", 0},
    [MINUTES_FIELD_SECTION] = {"section", 1},
    [MINUTES_FIELD_ITEM_NUMBER] = {"item_number", 0},
    [MINUTES_FIELD_ITEM_TITLE] = {"item_title", 0},
    [MINUTES_FIELD_ITEM_TYPE] = {"item_type", 0},
    [MINUTES_FIELD_MINUTE] = {"minute", 0},
    [MINUTES_FIELD_KIND] = {"kind", 0},
    [MINUTES_FIELD_SOURCE_URL] = {"source_url", 0},
    [MINUTES_FIELD_TEXT] = {"text", 0},
    [MINUTES_FIELD_SNIPPET] = {"snippet", 0},
};

const char *
minutes_field_name(minutes_field field)
{
    if ((unsigned)field >= MINUTES_FIELD_COUNT_)
        return NULL;
    return fields[field].name;
}

int
minutes_field_is_number(minutes_field field)
{
    if ((unsigned)field >= MINUTES_FIELD_COUNT_)
        return 0;
    return fields[field].is_number;
}
