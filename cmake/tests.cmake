# Tests beyond the GoogleTest binary: a throwaway PostgreSQL cluster (fixture), the data-driven API
# harness and the browser tests. All run with one `ctest`.
find_program(NODE_EXECUTABLE node)

add_test(NAME postgres_start COMMAND ${PROJECT_SOURCE_DIR}/tests/support/postgres.sh start ${CMAKE_BINARY_DIR}/pg)
add_test(NAME postgres_stop COMMAND ${PROJECT_SOURCE_DIR}/tests/support/postgres.sh stop ${CMAKE_BINARY_DIR}/pg)
set_tests_properties(postgres_start PROPERTIES FIXTURES_SETUP postgres)
set_tests_properties(postgres_stop PROPERTIES FIXTURES_CLEANUP postgres)

if(NODE_EXECUTABLE)
  # Every server's log of the API and browser tests lands in test-logs/; log_secrets then greps them
  # all for identity numbers and the secrets the run handed out.
  set(SEN_TEST_LOG_DIR ${CMAKE_BINARY_DIR}/test-logs)
  add_test(NAME test_logs_clear COMMAND ${CMAKE_COMMAND} -E rm -rf ${SEN_TEST_LOG_DIR})
  add_test(NAME log_secrets COMMAND ${NODE_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/support/scan_logs.mjs ${SEN_TEST_LOG_DIR} 20)
  set_tests_properties(test_logs_clear PROPERTIES FIXTURES_SETUP test_logs)
  set_tests_properties(log_secrets PROPERTIES FIXTURES_CLEANUP test_logs)
  add_test(NAME api COMMAND ${NODE_EXECUTABLE} --test --test-concurrency=2 ${PROJECT_SOURCE_DIR}/tests/api/)
  set_tests_properties(api PROPERTIES
    ENVIRONMENT "SEN_BINARY=$<TARGET_FILE:sen>;SEN_SOURCE_DIR=${PROJECT_SOURCE_DIR};SEN_TEST_PG_URL_FILE=${CMAKE_BINARY_DIR}/pg/url;SEN_TEST_LOG_DIR=${SEN_TEST_LOG_DIR}"
    FIXTURES_REQUIRED "postgres;test_logs" TIMEOUT 900)
  add_test(NAME browser COMMAND ${NODE_EXECUTABLE} --test --test-concurrency=1 ${PROJECT_SOURCE_DIR}/tests/e2e/)
  set_tests_properties(browser PROPERTIES
    ENVIRONMENT "SEN_BINARY=$<TARGET_FILE:sen>;SEN_SOURCE_DIR=${PROJECT_SOURCE_DIR};SEN_TEST_LOG_DIR=${SEN_TEST_LOG_DIR}"
    FIXTURES_REQUIRED test_logs TIMEOUT 2400)
endif()

# Every libFuzzer target for 60 s (scripts/fuzz.sh builds them with clang in build/fuzz).
find_program(CLANGXX_EXECUTABLE clang++)
if(NOT CLANGXX_EXECUTABLE)
  message(FATAL_ERROR "The fuzz tests need clang (libFuzzer): run scripts/install_deps.sh")
endif()
# Alone: its build and fuzzers use every core, and beside the timed API and browser tests they made
# those fail (tried: the API suite timed out).
add_test(NAME fuzz COMMAND ${PROJECT_SOURCE_DIR}/scripts/fuzz.sh 60)
set_tests_properties(fuzz PROPERTIES TIMEOUT 2400 RUN_SERIAL TRUE)
# The long tests start first, so the short ones fill the gaps beside them.
foreach(long api browser)
  if(TEST ${long})
    set_tests_properties(${long} PROPERTIES COST 1000)
  endif()
endforeach()

find_program(CLANG_FORMAT clang-format)
if(CLANG_FORMAT)
  file(GLOB_RECURSE SEN_FORMATTED ${PROJECT_SOURCE_DIR}/src/*.cpp ${PROJECT_SOURCE_DIR}/src/*.hpp)
  add_test(NAME clang_format COMMAND ${CLANG_FORMAT} --dry-run -Werror ${SEN_FORMATTED})
endif()
