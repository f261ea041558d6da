C-----------------------------------------------------------------------
C     UAMP - Abaqus/Standard user amplitude: cam follower lift from
C     campro, for every *AMPLITUDE, NAME=..., DEFINITION=USER.
C
C     At the total time t = TIME(iTotalTime) (time 0 = cam angle 0) and
C     over the increment [t - DT, t]:
C       AmpValueNew        = s(t)                        (mm)
C       AmpDerivative      = ds/dt (t)                   (mm/s)
C       AmpSecDerivative   = d2s/dt2 (t)                 (mm/s^2)
C       AmpIncIntegral     = integral of s over [t-DT, t]   (mm*s)
C       AmpDoubleIntegral  = integral over [t-DT, t] of the integral
C                            of s from t-DT               (mm*s^2)
C     and the four lFlagsDefine compute flags are set to 1 (the values
C     are given). The integrals are exact (closed form from campro's
C     pieces, campro_displacement_time_integrals), not quadratures.
C     Argument list, flag indices and meanings: Abaqus User Subroutines
C     Reference Guide, "UAMP" (Abaqus 2016: section 1.1.23, with
C     nProps/props); the double integral is taken from the increment's
C     start, as an acceleration-type use needs it.
C
C     The cam is created on the first call from the parameter file
C     named by CAMPRO_PARAMS (.toml or .json) or, when unset, campro's
C     default cam, and kept (SAVE'd handle) for the whole analysis. If
C     it cannot be created, campro's message is printed and the
C     analysis is stopped through lFlagsDefine(iStopAnalysis) = 1.
C     Units are campro's (mm, s); for a model in metres set SCALE=1D-3.
C
C     Fixed form, INCLUDE 'ABA_PARAM.INC' (Abaqus supplies it), own
C     BIND(C) interfaces: `gfortran -c uamp.f` compiles it alone and
C     only -lcampro is needed at link time.
C-----------------------------------------------------------------------
      SUBROUTINE UAMP(
     *     ampName, time, ampValueOld, dt, nProps, props, nSvars,
     *     svars, lFlagsInfo,
     *     nSensor, sensorValues, sensorNames, jSensorLookUpTable,
     *     AmpValueNew,
     *     lFlagsDefine,
     *     AmpDerivative, AmpSecDerivative, AmpIncIntegral,
     *     AmpDoubleIntegral)
      USE, INTRINSIC :: ISO_C_BINDING
      INCLUDE 'ABA_PARAM.INC'
C     time indices
      PARAMETER (iStepTime = 1, iTotalTime = 2, nTime = 2)
C     flags passed in for information
      PARAMETER (iInitialization = 1, iRegularInc = 2, iCuts = 3,
     *           ikStep = 4, nFlagsInfo = 4)
C     optional flags to be defined
      PARAMETER (iComputeDeriv = 1, iComputeSecDeriv = 2,
     *           iComputeInteg = 3, iComputeDoubleInteg = 4,
     *           iStopAnalysis = 5, iConcludeStep = 6,
     *           nFlagsDefine = 6)
      DIMENSION time(nTime), lFlagsInfo(nFlagsInfo),
     *          lFlagsDefine(nFlagsDefine)
      DIMENSION jSensorLookUpTable(*)
      DIMENSION sensorValues(nSensor), svars(nSvars), props(nProps)
      CHARACTER*80 sensorNames(nSensor)
      CHARACTER*80 ampName
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
        FUNCTION CPINT(M, T0, T1, AI, AD) BIND(C,
     1    NAME='campro_displacement_time_integrals')
          IMPORT :: C_DOUBLE, C_PTR, C_INT32_T
          TYPE(C_PTR), VALUE :: M
          REAL(C_DOUBLE), VALUE :: T0, T1
          REAL(C_DOUBLE) :: AI, AD
          INTEGER(C_INT32_T) :: CPINT
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
      REAL(C_DOUBLE) :: AI, AD
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
          WRITE (6, '(A,I0,A,A,A,512A)') ' ***ERROR: campro UAMP: ',
     1      ISTAT, ' creating the cam from "', TRIM(PATH), '": ',
     2      MSG(1:LMSG)
          lFlagsDefine(iStopAnalysis) = 1
          RETURN
        END IF
      END IF
C
      T = time(iTotalTime)
      AmpValueNew = SCALE * CPBCD(T, MOTION)
      AmpDerivative = SCALE * CPBCV(T, MOTION)
      AmpSecDerivative = SCALE * CPBCA(T, MOTION)
      ISTAT = CPINT(MOTION, T - dt, T, AI, AD)
      IF (ISTAT .NE. 0) THEN
        LMSG = CPMSG(MSG, INT(SIZE(MSG), C_SIZE_T))
        LMSG = MIN(LMSG, INT(SIZE(MSG) - 1, C_SIZE_T))
        WRITE (6, '(A,I0,A,512A)') ' ***ERROR: campro UAMP: ', ISTAT,
     1    ': ', MSG(1:LMSG)
        lFlagsDefine(iStopAnalysis) = 1
        RETURN
      END IF
      AmpIncIntegral = SCALE * AI
      AmpDoubleIntegral = SCALE * AD
      lFlagsDefine(iComputeDeriv) = 1
      lFlagsDefine(iComputeSecDeriv) = 1
      lFlagsDefine(iComputeInteg) = 1
      lFlagsDefine(iComputeDoubleInteg) = 1
      RETURN
      END
