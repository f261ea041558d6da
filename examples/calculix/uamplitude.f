C-----------------------------------------------------------------------
C     UAMPLITUDE - CalculiX user amplitude answered by campro.
C
C     Drop-in replacement of ccx_2.xx/src/uamplitude.f (same argument
C     list). CalculiX calls it for every *AMPLITUDE, NAME=..., USER with
C     the step time, or the total time with TIME=TOTAL TIME, and uses
C     AMPLITUDE times the magnitude of the *BOUNDARY/*CLOAD/... line.
C
C     Name rule (CalculiX upper-cases the name): a trailing _D, _V or _A
C     selects the follower displacement (mm), velocity (mm/s) or
C     acceleration (mm/s^2); any other name is the displacement. The
C     rest of the name is the cam's base name: CAM, CAM_D, CAM_V and
C     CAM_A all evaluate one cam. Its parameter file (.toml or .json)
C     comes from the environment variable CAMPRO_AMPLITUDE_<base name>
C     (characters other than A-Z, 0-9 and _ read as _); when that is
C     unset or empty the cam is campro's default (CamProV5 defaults).
C
C     Each cam is created on first use and kept (SAVE) for the whole
C     run; CalculiX calls user amplitudes from its main thread only.
C     A file campro cannot read, or a time campro rejects, prints the
C     reason and stops the solver (exit code 201): never a silent 0.
C
C     Fixed form with its own BIND(C) interfaces: `gfortran -c
C     uamplitude.f` compiles it alone; link the solver with -lcampro.
C-----------------------------------------------------------------------
      subroutine uamplitude(time,name,amplitude)
      use, intrinsic :: iso_c_binding
      use, intrinsic :: ieee_arithmetic, only: ieee_is_nan
      implicit none
C
      character(len=80) name
      real(c_double) time,amplitude
C
C     CamproParameters: 10 doubles, then rise_law and fall_law
      type, bind(c) :: cppar
        real(c_double) :: r(10)
        integer(c_int32_t) :: laws(2)
      end type
C
      interface
        subroutine cpdef(p) bind(c, name='campro_parameters_default')
          import :: cppar
          type(cppar) :: p
        end subroutine
        function cpnew(p, m) bind(c, name='campro_motion_new')
          import :: cppar, c_ptr, c_int32_t
          type(cppar) :: p
          type(c_ptr) :: m
          integer(c_int32_t) :: cpnew
        end function
        function cpload(path, m) bind(c, name='campro_motion_load')
          import :: c_char, c_ptr, c_int32_t
          character(kind=c_char) :: path(*)
          type(c_ptr) :: m
          integer(c_int32_t) :: cpload
        end function
        function cpmsg(buf, cap)
     &    bind(c, name='campro_last_error_message')
          import :: c_char, c_size_t
          character(kind=c_char) :: buf(*)
          integer(c_size_t), value :: cap
          integer(c_size_t) :: cpmsg
        end function
        function cpbcd(t, m) bind(c, name='campro_bc_displacement')
          import :: c_double, c_ptr
          real(c_double), value :: t
          type(c_ptr), value :: m
          real(c_double) :: cpbcd
        end function
        function cpbcv(t, m) bind(c, name='campro_bc_velocity')
          import :: c_double, c_ptr
          real(c_double), value :: t
          type(c_ptr), value :: m
          real(c_double) :: cpbcv
        end function
        function cpbca(t, m) bind(c, name='campro_bc_acceleration')
          import :: c_double, c_ptr
          real(c_double), value :: t
          type(c_ptr), value :: m
          real(c_double) :: cpbca
        end function
      end interface
C
      integer maxcam
      parameter (maxcam=64)
      integer ncam
      character(len=80) cambas(maxcam)
      type(c_ptr) :: cammot(maxcam)
      save ncam,cambas,cammot
      data ncam /0/
C
      character(len=80) up,base
      character(len=17) prefix
      parameter (prefix='CAMPRO_AMPLITUDE_')
      character(len=4096) path
      character(len=12) what(0:2)
      character(kind=c_char) :: msg(512)
      integer i,ic,lname,lbase,iqty,icam,lpath,ienv,lmsg
      integer(c_int32_t) :: istat
      type(cppar) :: params
      type(c_ptr) :: motion
      data what /'displacement','velocity','acceleration'/
C
C     upper case; anything an environment name cannot hold reads as _
      up=name
      do i=1,80
        ic=ichar(up(i:i))
        if(ic.ge.ichar('a').and.ic.le.ichar('z')) then
          up(i:i)=char(ic-ichar('a')+ichar('A'))
        elseif(up(i:i).ne.' '.and.up(i:i).ne.'_'.and.
     &      .not.(up(i:i).ge.'A'.and.up(i:i).le.'Z').and.
     &      .not.(up(i:i).ge.'0'.and.up(i:i).le.'9')) then
          up(i:i)='_'
        endif
      enddo
      lname=len_trim(up)
C
C     quantity suffix: _D displacement, _V velocity, _A acceleration
      iqty=0
      lbase=lname
      if(lname.gt.2) then
        if(up(lname-1:lname).eq.'_D') then
          lbase=lname-2
        elseif(up(lname-1:lname).eq.'_V') then
          iqty=1
          lbase=lname-2
        elseif(up(lname-1:lname).eq.'_A') then
          iqty=2
          lbase=lname-2
        endif
      endif
      base=up(1:lbase)
C
C     the cam of this base name, created on first use
      icam=0
      do i=1,ncam
        if(cambas(i).eq.base) then
          icam=i
          exit
        endif
      enddo
      if(icam.eq.0) then
        if(ncam.ge.maxcam) then
          write(*,*) '*ERROR in uamplitude (campro): more than ',
     &      maxcam,' cams; raise maxcam in uamplitude.f'
          stop 201
        endif
        path=' '
        call get_environment_variable(prefix//base(1:lbase),path,
     &    length=lpath,status=ienv)
        if(ienv.eq.0.and.lpath.gt.0) then
          istat=cpload(path(1:lpath)//c_null_char,motion)
        elseif(ienv.eq.-1) then
          write(*,*) '*ERROR in uamplitude (campro): ',
     &      prefix//base(1:lbase),' is longer than ',len(path),
     &      ' characters'
          stop 201
        else
          lpath=0
          call cpdef(params)
          istat=cpnew(params,motion)
        endif
        if(istat.ne.0) then
          lmsg=int(cpmsg(msg,int(size(msg),c_size_t)))
          lmsg=min(lmsg,size(msg)-1)
          write(*,'(a,a,a,i0,a)') ' *ERROR in uamplitude (campro): ',
     &      'no cam for amplitude '//up(1:lname),' (status ',istat,')'
          if(lpath.gt.0) write(*,'(a,a)') '        from ',
     &      prefix//base(1:lbase)//'='//path(1:lpath)
          write(*,'(a,512a)') '        campro: ',msg(1:lmsg)
          stop 201
        endif
        ncam=ncam+1
        cambas(ncam)=base
        cammot(ncam)=motion
        icam=ncam
        if(lpath.gt.0) then
          write(*,'(a,a,a,a)') ' uamplitude (campro): cam ',
     &      base(1:lbase),' from ',path(1:lpath)
        else
          write(*,'(a,a,a)') ' uamplitude (campro): cam ',
     &      base(1:lbase),' is the default cam'
        endif
      endif
C
      motion=cammot(icam)
      if(iqty.eq.0) then
        amplitude=cpbcd(time,motion)
      elseif(iqty.eq.1) then
        amplitude=cpbcv(time,motion)
      else
        amplitude=cpbca(time,motion)
      endif
C     NaN (campro's answer to a time it cannot evaluate) stops the run
      if(ieee_is_nan(amplitude)) then
        lmsg=int(cpmsg(msg,int(size(msg),c_size_t)))
        lmsg=min(lmsg,size(msg)-1)
        write(*,*) '*ERROR in uamplitude (campro): amplitude ',
     &    up(1:lname),' (',trim(what(iqty)),') has no value at time ',
     &    time
        write(*,'(a,512a)') '        campro: ',msg(1:lmsg)
        stop 201
      endif
      return
      end
