//! The committed C header is exactly what cbindgen generates from the current sources.

#[test]
fn committed_header_is_fresh() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/campro.h"));
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/include/campro.h"))
        .expect("include/campro.h exists");
    assert!(
        generated == committed,
        "include/campro.h is stale: regenerate it with `CAMPRO_UPDATE_HEADER=1 cargo build` and commit it"
    );
}

#[test]
fn header_declares_every_function_of_the_contract() {
    let header = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/campro.h"));
    for name in [
        "const char *campro_version(void);",
        "const char *campro_status_name(int32_t status);",
        "size_t campro_last_error_message(char *buffer, size_t capacity);",
        "void campro_parameters_default(struct CamproParameters *out);",
        "int32_t campro_motion_new(const struct CamproParameters *params, struct CamproMotion **out);",
        "int32_t campro_motion_from_segments(const struct CamproSegment *segments, size_t count, double rpm, struct CamproMotion **out);",
        "int32_t campro_motion_load(const char *path, struct CamproMotion **out);",
        "void campro_motion_free(struct CamproMotion *motion);",
        "double campro_displacement(const struct CamproMotion *motion, double theta_deg);",
        "double campro_velocity(const struct CamproMotion *motion, double theta_deg);",
        "double campro_acceleration(const struct CamproMotion *motion, double theta_deg);",
        "double campro_jerk(const struct CamproMotion *motion, double theta_deg);",
        "struct CamproKinematics campro_kinematics(const struct CamproMotion *motion, double theta_deg);",
        "int32_t campro_displacement_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_velocity_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_acceleration_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_jerk_batch(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_displacement_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_velocity_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_acceleration_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_jerk_parallel(const struct CamproMotion *motion, const double *theta_deg, double *out, size_t n);",
        "int32_t campro_kinematics_parallel(const struct CamproMotion *motion, const double *theta_deg, size_t n, double *displacement, double *velocity, double *acceleration, double *jerk);",
        "struct CamproBoundaryCondition campro_boundary_condition_at_time(const struct CamproMotion *motion, double time_s);",
        "int32_t campro_boundary_conditions(const struct CamproMotion *motion, const double *time_s, size_t n, struct CamproBoundaryCondition *out);",
        "double campro_bc_displacement(double time_s, void *motion);",
        "double campro_bc_velocity(double time_s, void *motion);",
        "double campro_bc_acceleration(double time_s, void *motion);",
        "int32_t campro_analyze_kinematics(const struct CamproMotion *motion, size_t num_points, struct CamproAnalysis *out);",
        "int32_t campro_set_num_threads(size_t n);",
        "typedef double (*CamproTimeFunction)(double time_s, void *ctx);",
    ] {
        assert!(header.contains(name), "the header lacks `{name}`");
    }
}
