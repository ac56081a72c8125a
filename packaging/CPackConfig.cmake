# Packages: a .deb (and an .rpm where rpmbuild is installed) holding the driver and its odbcinst.ini
# template; installing registers the driver with unixODBC, removing unregisters it.
#
# Build them from a tree configured for the system prefix, so the driver lands where unixODBC's own
# drivers are (/usr/lib/<multiarch>/odbc) and the registration points there:
#   cmake -S . -B build-pkg -G Ninja -DCMAKE_INSTALL_PREFIX=/usr -DPGW_BUILD_TESTS=OFF
#   cmake --build build-pkg -j2 && (cd build-pkg && cpack -G DEB)
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "packaging: CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}; packages are meant to be built with -DCMAKE_INSTALL_PREFIX=/usr")
endif()

set(CPACK_PACKAGE_NAME pgwire-odbc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "pgwire-odbc")
set(CPACK_PACKAGE_CONTACT "pgwire-odbc maintainers <pgwire-odbc@users.noreply.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "ODBC driver for PostgreSQL-wire databases (PostgreSQL, CockroachDB, CrateDB)")
set(CPACK_PACKAGE_DESCRIPTION
    "An ODBC 3.x driver with its own PostgreSQL wire-protocol engine (no libpq), registered with unixODBC as PGWire.")
# Everything installs under CMAKE_INSTALL_PREFIX, or at the absolute driver directory.
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)

# The maintainer scripts register exactly the odbcinst.ini this build installs.
set(PGW_PACKAGED_ODBCINST_INI "${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/pgwire-odbc/odbcinst.ini")
set(PGW_PACKAGE_SCRIPTS_DIR ${CMAKE_BINARY_DIR}/packaging)
foreach(script postinst prerm)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${script}.in ${PGW_PACKAGE_SCRIPTS_DIR}/${script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()

# Debian
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "unixodbc, odbcinst, libodbcinst2, libssl3")
find_program(PGW_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(PGW_DPKG_SHLIBDEPS)
  # Adds libc6, libstdc++6 and friends with the versions the binary really needs.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PGW_PACKAGE_SCRIPTS_DIR}/postinst;${PGW_PACKAGE_SCRIPTS_DIR}/prerm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# RPM (package names as Fedora/RHEL spell them)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_REQUIRES "unixODBC, openssl-libs >= 3")
set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE ${PGW_PACKAGE_SCRIPTS_DIR}/postinst)
set(CPACK_RPM_PRE_UNINSTALL_SCRIPT_FILE ${PGW_PACKAGE_SCRIPTS_DIR}/prerm)
# Directories the filesystem package owns must not be claimed by ours.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    ${CMAKE_INSTALL_FULL_LIBDIR} ${PGW_ODBC_DRIVER_DIR} ${CMAKE_INSTALL_FULL_DATADIR})

set(CPACK_GENERATOR DEB)
find_program(PGW_RPMBUILD rpmbuild)
if(PGW_RPMBUILD)
  list(APPEND CPACK_GENERATOR RPM)
endif()

include(CPack)
