C-----------------------------------------------------------------------
C     DISP - Abaqus user subroutine: cam follower motion from campro.
C
C     U(1) = displacement, U(2) = velocity, U(3) = acceleration at the
C     total time TIME(2), for every DOF declared with *BOUNDARY, USER.
C     The cam is created on the first call, from the parameter file
C     named by the environment variable CAMPRO_PARAMS (.toml or .json)
C     or, when it is unset, from campro's built-in default cam, and is
C     kept for the whole analysis (SAVE'd handle, never freed: the
C     process ends with the analysis).
C
C     Units are campro's: mm, mm/s, mm/s^2, time in s. For a model in
C     metres set SCALE = 1.0D-3 below.
C
C     Fixed form with INCLUDE 'ABA_PARAM.INC' so it drops into Abaqus
C     as user=disp.f; the C interfaces are declared here, so neither
C     campro.f90 nor a .mod file is needed, only -lcampro at link time.
C-----------------------------------------------------------------------
      SUBROUTINE DISP(U,KSTEP,KINC,TIME,NODE,NOEL,JDOF,COORDS)
      USE, INTRINSIC :: ISO_C_BINDING
      INCLUDE 'ABA_PARAM.INC'
      DIMENSION U(3),TIME(2),COORDS(3)
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
          WRITE (6, '(A,I0,A,A,A,512A)') ' ***ERROR: campro DISP: ',
     1      ISTAT, ' creating the cam from "', TRIM(PATH), '": ',
     2      MSG(1:LMSG)
          CALL XIT
        END IF
      END IF
C
      T = TIME(2)
      U(1) = SCALE * CPBCD(T, MOTION)
      U(2) = SCALE * CPBCV(T, MOTION)
      U(3) = SCALE * CPBCA(T, MOTION)
      RETURN
      END
