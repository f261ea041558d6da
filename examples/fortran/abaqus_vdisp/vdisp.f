C-----------------------------------------------------------------------
C     VDISP - Abaqus/Explicit user boundary condition: cam follower
C     motion from campro, for every *BOUNDARY, USER (any type).
C
C     What rval must hold depends on the boundary condition's type
C     (jBCType: 0 displacement, 1 velocity, 2 acceleration) and on the
C     call (Abaqus User Subroutines Reference Guide, "VDISP", Abaqus
C     2016 section 1.2.2; 2017: simasub-c-vdisp):
C     - first call of a step, to set the initial velocity (stepTime =
C       -dt): displacement type: u0 - v0*dt; velocity type: v0;
C       acceleration type: v0/dt (u0, v0: the cam's displacement and
C       velocity at the step's start);
C     - every configuration (stepTime >= 0, the initial one included):
C       displacement type: the displacement at stepTime + dtNext;
C       velocity type: the mean velocity over [stepTime,
C       stepTime + dtNext] ("the mean velocity at stepTime + dtNext/2":
C       (s(t + dtNext) - s(t)) / dtNext, so the central-difference
C       update reproduces the cam's displacement at every increment);
C       acceleration type: the acceleration at stepTime.
C     Times are the total time (time 0 = cam angle 0): the cam turns
C     from the start of the analysis. Every DOF of jDof and every node
C     of the block gets the cam's value. Units are campro's (mm, s);
C     for a model in metres set SCALE = 1D-3.
C
C     The cam is created on the first call from the parameter file
C     named by CAMPRO_PARAMS (.toml or .json) or, when unset, campro's
C     default cam, and kept (SAVE'd handle). If it cannot be created,
C     campro's message is printed and XPLB_EXIT ends the analysis.
C
C     Fixed form, INCLUDE 'vaba_param.inc' (Abaqus supplies it), own
C     BIND(C) interfaces: `gfortran -c vdisp.f` compiles it alone and
C     only -lcampro is needed at link time.
C-----------------------------------------------------------------------
      SUBROUTINE VDISP(
C Read only variables -
     *     nblock, nDof, nCoord, kstep, kinc,
     *     stepTime, totalTime, dtNext, dt,
     *     cbname, jBCType, jDof, jNodeUid, amp,
     *     coordNp, u, v, a, rf, rmass, rotaryI,
C Write only variable -
     *     rval )
      USE, INTRINSIC :: ISO_C_BINDING
      INCLUDE 'vaba_param.inc'
      CHARACTER*80 cbname
      DIMENSION jDof(nDof), jNodeUid(nblock),
     *     amp(nblock), coordNp(nCoord,nblock),
     *     u(nDof,nblock), v(nDof,nblock), a(nDof,nblock),
     *     rf(nDof,nblock), rmass(nblock),
     *     rotaryI(3,3,nblock), rval(nDof,nblock)
C
C     CamproParameters: 10 doubles, then rise_law and fall_law
      TYPE, BIND(C) :: CPPAR
        REAL(C_DOUBLE) :: R(10)
        INTEGER(C_INT32_T) :: LAWS(2)
      END TYPE
C
      INTERFACE
        SUBROUTINE CPDEF(P) BIND(C, NAME='campro_parameters_default')
          IMPORT :: CPPAR
          TYPE(CPPAR) :: P
        END SUBROUTINE
        FUNCTION CPNEW(P, M) BIND(C, NAME='campro_motion_new')
          IMPORT :: CPPAR, C_PTR, C_INT32_T
          TYPE(CPPAR) :: P
          TYPE(C_PTR) :: M
          INTEGER(C_INT32_T) :: CPNEW
        END FUNCTION
        FUNCTION CPLOAD(PATH, M) BIND(C, NAME='campro_motion_load')
          IMPORT :: C_CHAR, C_PTR, C_INT32_T
          CHARACTER(KIND=C_CHAR) :: PATH(*)
          TYPE(C_PTR) :: M
          INTEGER(C_INT32_T) :: CPLOAD
        END FUNCTION
        FUNCTION CPMSG(BUF, CAP) BIND(C,
     1    NAME='campro_last_error_message')
          IMPORT :: C_CHAR, C_SIZE_T
          CHARACTER(KIND=C_CHAR) :: BUF(*)
          INTEGER(C_SIZE_T), VALUE :: CAP
          INTEGER(C_SIZE_T) :: CPMSG
        END FUNCTION
        FUNCTION CPBCD(T, M) BIND(C, NAME='campro_bc_displacement')
          IMPORT :: C_DOUBLE, C_PTR
          REAL(C_DOUBLE), VALUE :: T
          TYPE(C_PTR), VALUE :: M
          REAL(C_DOUBLE) :: CPBCD
        END FUNCTION
        FUNCTION CPBCV(T, M) BIND(C, NAME='campro_bc_velocity')
          IMPORT :: C_DOUBLE, C_PTR
          REAL(C_DOUBLE), VALUE :: T
          TYPE(C_PTR), VALUE :: M
          REAL(C_DOUBLE) :: CPBCV
        END FUNCTION
        FUNCTION CPBCA(T, M) BIND(C, NAME='campro_bc_acceleration')
          IMPORT :: C_DOUBLE, C_PTR
          REAL(C_DOUBLE), VALUE :: T
          TYPE(C_PTR), VALUE :: M
          REAL(C_DOUBLE) :: CPBCA
        END FUNCTION
      END INTERFACE
C
      PARAMETER (SCALE = 1.0D0)
      TYPE(C_PTR), SAVE :: MOTION = C_NULL_PTR
      CHARACTER(LEN=1024) :: PATH
      CHARACTER(KIND=C_CHAR) :: MSG(512)
      INTEGER(C_INT32_T) :: ISTAT
      INTEGER(C_SIZE_T) :: LMSG
      TYPE(CPPAR) :: PARAMS
C
      IF (.NOT. C_ASSOCIATED(MOTION)) THEN
        PATH = ' '
        CALL GET_ENVIRONMENT_VARIABLE('CAMPRO_PARAMS', PATH,
     1    LENGTH=LPATH, STATUS=IENV)
        IF (IENV .EQ. 0 .AND. LPATH .GT. 0) THEN
          ISTAT = CPLOAD(TRIM(PATH)//C_NULL_CHAR, MOTION)
        ELSE
          CALL CPDEF(PARAMS)
          ISTAT = CPNEW(PARAMS, MOTION)
        END IF
        IF (ISTAT .NE. 0) THEN
          LMSG = CPMSG(MSG, INT(SIZE(MSG), C_SIZE_T))
          LMSG = MIN(LMSG, INT(SIZE(MSG) - 1, C_SIZE_T))
          WRITE (6, '(A,I0,A,A,A,512A)') ' ***ERROR: campro VDISP: ',
     1      ISTAT, ' creating the cam from "', TRIM(PATH), '": ',
     2      MSG(1:LMSG)
          CALL XPLB_EXIT
        END IF
      END IF
C
C     The step's start in total time, and the value for this call.
      TSTART = totalTime - stepTime
      IF (stepTime .LT. 0.0D0) THEN
C       Initial velocity call (stepTime = -dt).
        TSTART = totalTime + dt
        V0 = CPBCV(TSTART, MOTION)
        IF (jBCType .EQ. 0) THEN
          VALUE = CPBCD(TSTART, MOTION) - V0 * dt
        ELSE IF (jBCType .EQ. 1) THEN
          VALUE = V0
        ELSE
          VALUE = V0 / dt
        END IF
      ELSE
        T = totalTime
        IF (jBCType .EQ. 0) THEN
          VALUE = CPBCD(T + dtNext, MOTION)
        ELSE IF (jBCType .EQ. 1) THEN
          IF (dtNext .GT. 0.0D0) THEN
            VALUE = (CPBCD(T + dtNext, MOTION) - CPBCD(T, MOTION))
     1        / dtNext
          ELSE
            VALUE = CPBCV(T, MOTION)
          END IF
        ELSE
          VALUE = CPBCA(T, MOTION)
        END IF
      END IF
      DO K = 1, nblock
        DO J = 1, nDof
          rval(J, K) = SCALE * VALUE
        END DO
      END DO
      RETURN
      END
