# Writes OUT: a C++ source holding every migration file of SQL_FILES, in order,
# as raw string literals. Migration N is the file named NNN_*.sql.
set(body "// Generated from src/store/migrations/*.sql by cmake/embed_migrations.cmake.\n#include \"acm/store/migrations.hpp\"\n\nnamespace acm {\n\nconst std::vector<Migration>& migrations() {\n    static const std::vector<Migration> all = {\n")
string(REPLACE "|" ";" SQL_FILES "${SQL_FILES}")
foreach(file IN LISTS SQL_FILES)
  get_filename_component(name ${file} NAME)
  string(REGEX MATCH "^[0-9]+" number ${name})
  math(EXPR number "${number}")
  file(READ ${file} sql)
  string(APPEND body "        {${number}, \"${name}\", R\"acm_sql(${sql})acm_sql\"},\n")
endforeach()
string(APPEND body "    };\n    return all;\n}\n\n}  // namespace acm\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
